package dev.baton.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackendUrlsTest {
  /**
   * Each row: the URL, the secret that must vanish, then parts that must stay readable ({@code
   * ~}-separated).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      jdbc:postgresql://db:5432/app?user=u&password=hunter2&sslmode=require | hunter2 | db:5432/app~user=u~sslmode=require~password=****
      jdbc:postgresql://db/app?user=u&sslpassword=hunter2                    | hunter2 | db/app~user=u~sslpassword=****
      jdbc:postgresql://db/app?sslmode=verify-full&SSLPASSWORD=hunter2&x=1   | hunter2 | sslmode=verify-full~x=1
      jdbc:mariadb://db/app?user=u&keyStorePassword=hunter2&useSsl=true       | hunter2 | db/app~user=u~useSsl=true~keyStorePassword=****
      jdbc:mariadb://db/app?trustStorePassword=hunter2&user=u                 | hunter2 | trustStorePassword=****~user=u
      jdbc:mariadb://db/app?user=u&password=hunter2                            | hunter2 | jdbc:mariadb://db/app?user=u&password=****
      jdbc:sqlserver://db:1433;user=u;password=hunter2;encrypt=true             | hunter2 | db:1433~user=u~encrypt=true
      postgresql://u:p@ss/w@host/db                                             | p@ss/w  | postgresql://u:****@host/db
      postgresql://u:hunter2@host:5432/db?sslmode=disable                       | hunter2 | postgresql://u:****@host:5432/db?sslmode=disable
      jdbc:postgresql://u:a:b@c@host/db                                         | a:b@c   | jdbc:postgresql://u:****@host/db
      redis://hunter2@cache:6379/0                                              | hunter2 | redis://****@cache:6379/0
      rediss://:hunter2@cache:6380?prefix=app                                   | hunter2 | rediss://:****@cache:6380?prefix=app
      redis://default:hunter2@cache:6379                                        | hunter2 | redis://default:****@cache:6379
      redis-sentinel://hunter2@s1:26379,s2:26379/mymaster                       | hunter2 | s1:26379,s2:26379/mymaster
      redis://:hunter2@h1:6379,redis://:hunter2@h2:6379                         | hunter2 | h1:6379~h2:6379
      redis://:hun?ter2@cache:6379                                              | hun?ter2| cache:6379
      amqp://u:hunter2@broker:5672/vhost?state=sqlite:baton.db                  | hunter2 | amqp://u:****@broker:5672/vhost?state=sqlite:baton.db
      amqps://u:hunter2@broker/vhost?state=redis://:hunter3@cache:6379          | hunter  | broker/vhost~cache:6379~amqps://u:****@
      amqp://u:p@x@broker/v?state=jdbc:postgresql://db/app?password=hunter2     | hunter2 | broker/v~db/app~password=****
      jdbc:postgresql://db/app?user=u&pwd=hunter2                               | hunter2 | pwd=****
      jdbc:postgresql://db/app?apiKey=hunter2&access_token=hunter2&x=y          | hunter2 | x=y~apiKey=****
      jdbc:postgresql://db/app?clientSecret=hunter2&passwd=hunter2              | hunter2 | clientSecret=****
      Malformed backend URL 'redis://:hunter2@cache:6379?x=1': unknown option 'x' | hunter2 | unknown option 'x'~cache:6379
      Cannot open 'jdbc:postgresql://db/app?password=hunter2': refused          | hunter2 | ': refused~db/app
      """)
  void every_secret_bearing_form_is_masked_and_the_rest_stays_readable(
      String url, String secret, String kept) {
    String masked = BackendUrls.mask(url);
    assertThat(masked).doesNotContain(secret.strip()).contains(BackendUrls.MASK);
    Arrays.stream(kept.split("~"))
        .map(String::strip)
        .forEach(part -> assertThat(masked).contains(part));
  }

  @Test
  void urls_without_secrets_are_unchanged() {
    for (String url :
        new String[] {
          "sqlite:data/baton.db",
          "memory:",
          "jdbc:postgresql://db/app?user=u&sslkey=/k.pem",
          "postgresql://u@host/db",
          "redis://cache:6379/0?prefix=app",
          "amqp://broker/vhost?state=memory:"
        }) {
      assertThat(BackendUrls.mask(url)).isEqualTo(url);
    }
    assertThat(BackendUrls.mask(null)).isEqualTo("null");
  }
}
