package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

/** The parts of the Redis reference that need no server: URLs and redis-benchmark's output. */
class RedisReferenceTest {
  @Test
  void reads_set_and_get_rates_from_redis_benchmark_csv() {
    String csv =
        """
        "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        "SET","102301.79","0.260","0.064","0.247","0.383","0.567","3.135"
        "GET","85653.10","0.310","0.072","0.303","0.423","0.623","2.767"
        """;

    assertThat(RedisReference.describe(csv))
        .isEqualTo(
            "redis-benchmark SET 102,302, GET 85,653 requests/s (unpipelined, 50 clients,"
                + " 100,000 requests each)");
  }

  @Test
  void says_so_when_the_output_is_not_what_redis_benchmark_prints() {
    assertThat(RedisReference.describe("Could not connect to Redis at 127.0.0.1:1"))
        .startsWith("not measured (unexpected redis-benchmark output: Could not connect");
  }

  @Test
  void takes_host_port_database_and_credentials_from_the_backend_url() {
    RedisURI uri = RedisReference.uri("redis://bench:s%40cret@10.0.0.7:6380/2?prefix=bench");

    assertThat(uri.getHost()).isEqualTo("10.0.0.7");
    assertThat(uri.getPort()).isEqualTo(6380);
    assertThat(uri.getDatabase()).isEqualTo(2);
    assertThat(uri.getUsername()).isEqualTo("bench");
    assertThat(new String(uri.getPassword())).isEqualTo("s@cret");
  }

  @Test
  void a_url_without_port_or_credentials_means_the_default_port_and_no_password() {
    RedisURI uri = RedisReference.uri("redis://127.0.0.1?prefix=x");

    assertThat(uri.getPort()).isEqualTo(6379);
    assertThat(uri.getPassword()).isNull();
    assertThat(uri.getDatabase()).isZero();
  }

  @Test
  void other_redis_schemes_say_why_nothing_was_measured() {
    assertThat(RedisReference.physical("redis-cluster://127.0.0.1:57001"))
        .startsWith("not measured");
    assertThat(RedisReference.durability("rediss://127.0.0.1:56443")).contains("not read");
  }
}
