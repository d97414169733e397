package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreException;
import dev.baton.spi.StoreProviders;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class ServerUrlTest {
  private static final String USAGE = "use jdbc:postgresql://HOST/DB";

  @Test
  void the_login_and_baton_options_leave_the_driver_url() {
    ServerUrl url =
        ServerUrl.parse(
            "jdbc:postgresql://db:5432/app?user=u&password=s3cr%2Bt&sslmode=disable"
                + "&baton.clock=caller&baton.pool=3&baton.listen=false",
            USAGE, "jdbc:postgresql");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app?sslmode=disable");
    assertThat(url.user()).isEqualTo("u");
    assertThat(url.password()).isEqualTo("s3cr+t");
    assertThat(url.callerClock()).isTrue();
    assertThat(url.poolSize()).isEqualTo(3);
    assertThat(url.listen()).isFalse();
  }

  @Test
  void a_login_before_the_host_is_taken_out_too() {
    ServerUrl url =
        ServerUrl.parse("jdbc:mysql://app:pa+ss@db/app", USAGE, "jdbc:mariadb", "jdbc:mysql");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb://db/app");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("pa+ss");
    assertThat(url.callerClock()).as("the database clock by default").isFalse();
    assertThat(url.poolSize()).isEqualTo(ServerUrl.DEFAULT_POOL_SIZE);
  }

  @Test
  void bad_options_are_named_with_the_password_masked() {
    assertThatThrownBy(
            () ->
                ServerUrl.parse(
                    "jdbc:postgresql://db/app?password=hunter2&baton.clock=mine",
                    USAGE,
                    "jdbc:postgresql"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baton.clock must be 'database' or 'caller' but was 'mine'")
        .hasMessageContaining("password=****")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(
            () ->
                ServerUrl.parse("jdbc:postgresql://db/app?baton.pools=2", USAGE, "jdbc:postgresql"))
        .hasMessageContaining("unknown option 'baton.pools'");
    assertThatThrownBy(
            () -> ServerUrl.parse("jdbc:postgresql://u:hunter2@/app", USAGE, "jdbc:postgresql"))
        .hasMessageContaining("the host is missing")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void an_unreachable_server_fails_at_open_with_the_password_masked() {
    assertThatThrownBy(
            () ->
                StoreProviders.open(
                    "jdbc:postgresql://127.0.0.1:1/baton?user=baton&password=hunter2",
                    new StoreContext(InstantSource.system())))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(
            "PostgreSQL database jdbc:postgresql://127.0.0.1:1/baton?user=baton&password=****")
        .hasMessageContaining("cannot connect")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void a_password_holding_a_question_mark_stays_whole() {
    ServerUrl url =
        ServerUrl.parse(
            "jdbc:postgresql://u:hun?ter@2@db/app?sslmode=disable", USAGE, "jdbc:postgresql");

    assertThat(url.password()).isEqualTo("hun?ter@2");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/app?sslmode=disable");
  }
}
