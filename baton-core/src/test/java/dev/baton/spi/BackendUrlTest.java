package dev.baton.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.spi.BackendUrl.Family;
import dev.baton.spi.BackendUrl.HostPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackendUrlTest {
  /** Each row: a URL, then the user and password its family reads ({@code -} for none). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      jdbc:postgresql://u:hunter2@db:5432/app?sslmode=require | u       | hunter2
      jdbc:mariadb://u@db/app                                 | u       | -
      jdbc:mysql://app:pa+ss@db/app                           | app     | pa+ss
      jdbc:postgresql://u:a:b@c@host/db                       | u       | a:b@c
      postgresql://u:p@ss/w@host/db                           | u       | p@ss/w
      redis://hunter2@cache:6379/0                            | -       | hunter2
      rediss://:hunter2@cache:6380?prefix=app                 |         | hunter2
      redis://default:hunter2@cache:6379                      | default | hunter2
      redis://:hun?ter2@cache:6379                            |         | hun?ter2
      jdbc:postgresql://u:hun?ter@2@db/app?sslmode=disable    | u       | hun?ter@2
      redis://:p@ss?w+rd@cache:6379/1?prefix=jobs             |         | p@ss?w+rd
      redis://:p#ss@cache                                     |         | p#ss
      redis-sentinel://hunter2@s1:26379,s2:26379/mymaster     | -       | hunter2
      redis://:s%40cret%2F1@cache                             |         | s@cret/1
      amqp://u:hunter2@broker:5672/vhost?state=sqlite:baton.db | u      | hunter2
      amqp://u:p@x@broker/v?state=jdbc:postgresql://db/app?user=v&password=hunter3 | u | p@x
      amqps://u@broker/v?state=redis://:hunter3@cache:6379    | u       | -
      http://user:hunter2@example.com/hook                     | user    | hunter2
      """)
  void each_family_finds_the_login_that_the_mask_hides(String url, String user, String password) {
    BackendUrl parsed = BackendUrl.parse(url);

    assertThat(parsed.user()).isEqualTo("-".equals(user) ? null : user == null ? "" : user);
    assertThat(parsed.password()).isEqualTo("-".equals(password) ? null : password);
    String masked = BackendUrls.mask(url);
    if (parsed.password() != null) {
      assertThat(masked)
          .as("the password the backend logs in with is masked")
          .contains(BackendUrls.MASK)
          .doesNotContain(parsed.password());
    }
    assertThat(parsed.toString()).doesNotContain("hunter");
  }

  @Test
  void hosts_path_and_query_follow_the_user_info() {
    BackendUrl url =
        BackendUrl.parse("redis-sentinel://:p@w@h1:26379,h2/mymaster/3?prefix=x&ca=/c.pem");

    assertThat(url.scheme()).isEqualTo("redis-sentinel");
    assertThat(url.family()).isEqualTo(Family.REDIS);
    assertThat(url.password()).isEqualTo("p@w");
    assertThat(url.hosts()).isEqualTo("h1:26379,h2");
    assertThat(url.hostList(26379))
        .containsExactly(new HostPort("h1", 26379), new HostPort("h2", 26379));
    assertThat(url.path()).isEqualTo("mymaster/3");
    assertThat(url.query()).isEqualTo("prefix=x&ca=/c.pem");
    assertThat(BackendUrl.parse("amqp://h").path()).isNull();
    assertThat(BackendUrl.parse("amqp://h/").path()).isEmpty();
    assertThat(BackendUrl.parse("redis://[::1]:7000").hostList(6379))
        .containsExactly(new HostPort("[::1]", 7000));
    assertThat(BackendUrl.parse("redis://[::1]").hostList(6379))
        .containsExactly(new HostPort("[::1]", 6379));
  }

  @Test
  void a_comma_list_of_urls_gives_each_its_own_login() {
    var list = BackendUrl.parseList("redis://:a@h1:7000,rediss://h2:7001,h3:7002?prefix=x");

    assertThat(list).hasSize(2);
    assertThat(list.get(0).password()).isEqualTo("a");
    assertThat(list.get(0).hosts()).isEqualTo("h1:7000");
    assertThat(list.get(1).scheme()).isEqualTo("rediss");
    assertThat(list.get(1).password()).isNull();
    assertThat(list.get(1).hosts()).isEqualTo("h2:7001,h3:7002");
    assertThat(list.get(1).query()).isEqualTo("prefix=x");
  }

  @Test
  void families_by_scheme() {
    assertThat(Family.of("jdbc:postgresql")).isEqualTo(Family.SQL_SERVER);
    assertThat(Family.of("mysql")).isEqualTo(Family.SQL_SERVER);
    assertThat(Family.of("rediss")).isEqualTo(Family.REDIS);
    assertThat(Family.of("redis-cluster")).isEqualTo(Family.REDIS);
    assertThat(Family.of("AMQPS")).isEqualTo(Family.AMQP);
    assertThat(Family.of("https")).isEqualTo(Family.OTHER);
    assertThat(Family.REDIS.passwordStart("secret")).isZero();
    assertThat(Family.SQL_SERVER.passwordStart("user")).isEqualTo(-1);
    assertThat(Family.AMQP.passwordStart("u:p")).isEqualTo(2);
  }

  @Test
  void bad_input_is_refused_without_quoting_the_secret() {
    assertThatThrownBy(() -> BackendUrl.parse("sqlite:baton.db")).hasMessageContaining("scheme://");
    assertThatThrownBy(() -> BackendUrl.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BackendUrl.parse("redis://:hunter%zz2@h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed")
        .hasMessageNotContaining("hunter")
        .hasMessageNotContaining("zz");
    assertThatThrownBy(() -> BackendUrl.parse("redis://h:port").hostList(6379))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> BackendUrl.parse("redis://h:0").hostList(6379))
        .hasMessageContaining("port out of range");
    assertThatThrownBy(() -> BackendUrl.parse("redis://a,,b").hostList(6379))
        .hasMessageContaining("a host is empty");
  }
}
