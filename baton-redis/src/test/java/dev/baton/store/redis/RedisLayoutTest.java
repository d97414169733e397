package dev.baton.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreException;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.InstantSource;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The storage layout marker: a prefix says which layout wrote it, and an older one is refused. */
@RedisTest
class RedisLayoutTest {
  private final String prefix = "layout-" + UUID.randomUUID();
  private final String tag = "{" + prefix + "}";
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> redis;

  @BeforeEach
  void connect() {
    client = RedisClient.create(TestRedis.STANDALONE.address());
    connection = client.connect();
    redis = connection.sync();
  }

  @AfterEach
  void cleanUp() {
    redis.del(tag + ":layout", tag + ":seq", tag + ":s:QUEUED", tag + ":t:old");
    connection.close();
    client.shutdown();
  }

  private TaskStore open() {
    return StoreProviders.open(
        TestRedis.STANDALONE.url(prefix, ""), new StoreContext(InstantSource.system()));
  }

  @Test
  void a_new_prefix_is_marked_with_the_current_layout_and_opens_again() {
    open().close();

    assertThat(redis.get(tag + ":layout")).isEqualTo(String.valueOf(RedisStore.LAYOUT));
    open().close();
  }

  @Test
  void a_prefix_holding_tasks_of_the_earlier_layout_is_refused_with_the_reason() {
    // The earlier layout: one JSON string per task, no state hash, no marker.
    redis.set(tag + ":seq", "1");
    redis.zadd(tag + ":s:QUEUED", 1, "old");
    redis.set(tag + ":t:old", "{\"id\":\"old\",\"seq\":\"1\",\"status\":\"QUEUED\"}");

    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("earlier storage layout")
        .hasMessageContaining(tag);
    assertThat(redis.get(tag + ":layout")).as("the marker is not forced onto old data").isNull();
  }

  @Test
  void a_prefix_marked_with_the_previous_layout_is_refused_and_keeps_its_mark() {
    // Layout 3 kept a lease per task in the lease set, which this version reads as lease groups.
    redis.set(tag + ":layout", "3");

    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("earlier storage layout (3)")
        .hasMessageContaining(tag);
    assertThat(redis.get(tag + ":layout")).isEqualTo("3");
  }
}
