package dev.baton.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.spi.StoreProviders;
import org.junit.jupiter.api.Test;

class RedisUrlTest {
  @Test
  void standalone_with_login_database_prefix_and_clock() {
    RedisUrl url =
        RedisUrl.parse("redis://app:s3cret@cache.local:6380/2?prefix=jobs&baton.clock=caller");
    assertThat(url.mode()).isEqualTo(RedisUrl.Mode.STANDALONE);
    assertThat(url.nodes())
        .singleElement()
        .satisfies(
            node -> {
              assertThat(node.getHost()).isEqualTo("cache.local");
              assertThat(node.getPort()).isEqualTo(6380);
              assertThat(node.getDatabase()).isEqualTo(2);
              assertThat(node.getUsername()).isEqualTo("app");
              assertThat(new String(node.getPassword())).isEqualTo("s3cret");
              assertThat(node.isSsl()).isFalse();
            });
    assertThat(url.tag()).isEqualTo("{jobs}");
    assertThat(url.callerClock()).isTrue();
    assertThat(url.masked()).doesNotContain("s3cret");
  }

  @Test
  void defaults_are_prefix_baton_and_the_server_clock() {
    RedisUrl url = RedisUrl.parse("rediss://127.0.0.1:6379");
    assertThat(url.tag()).isEqualTo("{baton}");
    assertThat(url.callerClock()).isFalse();
    assertThat(url.nodes().get(0).isSsl()).isTrue();
  }

  @Test
  void sentinel_names_its_master_and_database() {
    RedisUrl url = RedisUrl.parse("redis-sentinel://:pw@10.0.0.1:26379,10.0.0.2/mymaster/3");
    assertThat(url.mode()).isEqualTo(RedisUrl.Mode.SENTINEL);
    assertThat(url.master()).isEqualTo("mymaster");
    assertThat(url.nodes().get(0).getSentinels()).hasSize(2);
    assertThat(url.nodes().get(0).getSentinels().get(1).getPort()).isEqualTo(26379);
    assertThat(url.nodes().get(0).getDatabase()).isEqualTo(3);
  }

  @Test
  void cluster_from_its_scheme_or_a_comma_list_of_redis_hosts() {
    assertThat(RedisUrl.parse("redis-cluster://a:7000,b:7001").nodes()).hasSize(2);
    RedisUrl list = RedisUrl.parse("redis://a:7000,redis://b:7001,c:7002");
    assertThat(list.mode()).isEqualTo(RedisUrl.Mode.CLUSTER);
    assertThat(list.nodes()).extracting(n -> n.getHost()).containsExactly("a", "b", "c");
  }

  @Test
  void malformed_urls_name_the_problem_and_mask_the_password() {
    assertThatThrownBy(() -> RedisUrl.parse("redis://u:hunter2@h:notaport"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a number")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> RedisUrl.parse("redis://h:1?prefix={x}"))
        .hasMessageContaining("prefix");
    assertThatThrownBy(() -> RedisUrl.parse("redis://h:1?baton.clock=mine"))
        .hasMessageContaining("baton.clock must be 'server' or 'caller'");
    assertThatThrownBy(() -> RedisUrl.parse("redis://h:1?color=red"))
        .hasMessageContaining("unknown option 'color'");
    assertThatThrownBy(() -> RedisUrl.parse("redis-sentinel://h:1"))
        .hasMessageContaining("master name is missing");
  }

  @Test
  void the_provider_is_found_for_every_redis_scheme() {
    for (String url :
        new String[] {"redis://h", "rediss://h", "redis-sentinel://h/m", "redis-cluster://h"}) {
      assertThat(StoreProviders.find(url)).isInstanceOf(RedisStoreProvider.class);
    }
  }

  @Test
  void the_login_is_split_off_where_the_mask_finds_it() {
    RedisUrl url = RedisUrl.parse("redis://:p@ss?w+rd@cache:6379/1?prefix=jobs");
    assertThat(new String(url.nodes().get(0).getPassword())).isEqualTo("p@ss?w+rd");
    assertThat(url.nodes().get(0).getHost()).isEqualTo("cache");
    assertThat(url.nodes().get(0).getDatabase()).isEqualTo(1);
    assertThat(url.tag()).isEqualTo("{jobs}");
    assertThat(url.masked()).doesNotContain("p@ss").doesNotContain("w+rd");

    RedisUrl list = RedisUrl.parse("redis://:one@a:7000,redis://u:two@b:7001?prefix=x");
    assertThat(list.mode()).isEqualTo(RedisUrl.Mode.CLUSTER);
    assertThat(list.nodes())
        .extracting(n -> new String(n.getPassword()))
        .containsExactly("one", "two");
    assertThat(list.nodes().get(1).getUsername()).isEqualTo("u");
    assertThat(list.masked()).doesNotContain("one").doesNotContain("two");
  }

  @Test
  void a_bad_escape_in_the_password_is_refused_without_quoting_it() {
    assertThatThrownBy(() -> RedisUrl.parse("redis://:hunter%zz@h:1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed")
        .hasMessageNotContaining("hunter");
  }
}
