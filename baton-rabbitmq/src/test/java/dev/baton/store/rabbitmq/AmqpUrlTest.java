package dev.baton.store.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** Parsing and masking of {@code amqp://} URLs; no broker needed. */
class AmqpUrlTest {
  @Test
  void the_state_url_takes_the_rest_of_the_url_with_its_own_options() {
    AmqpUrl url =
        AmqpUrl.parse(
            "amqp://u:secret@h:5672/v?prefetch=64&consumer_timeout=3600000"
                + "&state=jdbc:postgresql://db/baton?user=u&password=pw");
    assertThat(url.broker()).isEqualTo("amqp://u:secret@h:5672/v");
    assertThat(url.state()).isEqualTo("jdbc:postgresql://db/baton?user=u&password=pw");
    assertThat(url.prefetch()).isEqualTo(64);
    assertThat(url.consumerTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(url.tls()).isFalse();
  }

  @Test
  void amqps_uses_tls_and_port_5671_unless_the_url_names_one() {
    var factory = AmqpUrl.parse("amqps://u:123@h/v?state=memory:").factory();
    assertThat(factory.isSSL()).isTrue();
    assertThat(factory.getPort()).isEqualTo(5671);
    assertThat(AmqpUrl.parse("amqps://u:p@h:7000/v?state=memory:").factory().getPort())
        .isEqualTo(7000);
    assertThat(AmqpUrl.parse("amqp://u:p@h/v?state=memory:").factory().getPort()).isEqualTo(5672);
  }

  @Test
  void an_encoded_state_url_is_decoded() {
    assertThat(AmqpUrl.parse("amqps://h/v?state=sqlite%3A%2Ftmp%2Fb.db").state())
        .isEqualTo("sqlite:/tmp/b.db");
  }

  @Test
  void bad_urls_are_refused_with_the_password_masked() {
    assertThatThrownBy(() -> AmqpUrl.parse("amqp://u:secret@h/v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state parameter is missing")
        .hasMessageContaining("amqp://u:****@h/v")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> AmqpUrl.parse("amqp://u:secret@h/v?colour=red&state=sqlite:x.db"))
        .hasMessageContaining("unknown option 'colour'")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> AmqpUrl.parse("amqp://u:secret@h/v?prefetch=-1&state=sqlite:x.db"))
        .hasMessageContaining("prefetch must be a positive whole number")
        .hasMessageNotContaining("secret");
  }

  @Test
  void an_unreachable_broker_fails_at_open_naming_it_masked() {
    assertThatThrownBy(
            () ->
                StoreProviders.open(
                    "amqp://u:secret@127.0.0.1:1/v?state=memory:",
                    new StoreContext(InstantSource.system())))
        .hasMessageContaining("amqp://u:****@127.0.0.1:1/v")
        .hasMessageNotContaining("secret");
  }

  @Test
  void the_provider_is_found_by_scheme() {
    assertThat(StoreProviders.find("amqp://h/v?state=memory:"))
        .isInstanceOf(RabbitStoreProvider.class);
    assertThat(StoreProviders.find("amqps://h/v?state=memory:"))
        .isInstanceOf(RabbitStoreProvider.class);
  }

  @Test
  void the_factory_logs_in_with_the_login_the_mask_hides() {
    AmqpUrl url =
        AmqpUrl.parse(
            "amqp://u:p@ss:w%2Frd@broker:5673/%2F?state=jdbc:postgresql://db/app?password=pw");
    var factory = url.factory();

    assertThat(factory.getUsername()).isEqualTo("u");
    assertThat(factory.getPassword()).isEqualTo("p@ss:w/rd");
    assertThat(factory.getHost()).isEqualTo("broker");
    assertThat(factory.getPort()).isEqualTo(5673);
    assertThat(factory.getVirtualHost()).isEqualTo("/");
    assertThat(url.maskedBroker()).isEqualTo("amqp://u:****@broker:5673/%2F");
    assertThat(url.toString()).doesNotContain("p@ss").doesNotContain("password=pw");
  }

  @Test
  void a_bad_broker_part_is_refused_at_open_with_the_password_masked() {
    assertThatThrownBy(() -> AmqpUrl.parse("amqp://u:secret@h:port/v?state=memory:").factory())
        .hasMessageContaining("not a number")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> AmqpUrl.parse("amqp://u:secret@h/a/b?state=memory:").factory())
        .hasMessageContaining("more than one path segment")
        .hasMessageNotContaining("secret");
  }
}
