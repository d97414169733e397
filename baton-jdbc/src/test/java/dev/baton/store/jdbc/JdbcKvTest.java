package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.spi.KvStore;
import dev.baton.spi.TaskStore;
import dev.baton.testkit.ManualClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prefix range behind {@link KvStore#keys}, at the edges of Unicode. */
class JdbcKvTest {
  @TempDir Path dir;

  @Test
  void the_successor_of_a_prefix_bounds_every_key_that_starts_with_it() {
    assertThat(JdbcKv.successor("ab")).isEqualTo("ac");
    assertThat(JdbcKv.successor("")).isNull();
    assertThat(JdbcKv.successor("a\uD7FF")).isEqualTo("a\uE000");
    assertThat(JdbcKv.successor("a" + Character.toString(Character.MAX_CODE_POINT))).isEqualTo("b");
    assertThat(JdbcKv.successor(Character.toString(Character.MAX_CODE_POINT))).isNull();
  }

  @Test
  void keys_with_characters_beyond_the_basic_plane_match_their_prefix() {
    try (TaskStore store = SqliteStores.open(dir, new ManualClock())) {
      KvStore kv = store.kv();
      for (String key : List.of("🎵a", "🎵b", "🎶", "\uFFFF", "🎵", "x")) {
        kv.set(key, "1", null);
      }

      assertThat(kv.keys("🎵")).containsExactly("🎵", "🎵a", "🎵b");
      // Java's String order (UTF-16 units), as the memory store sorts, not the database's.
      assertThat(kv.keys("")).containsExactly("x", "🎵", "🎵a", "🎵b", "🎶", "\uFFFF");
    }
  }
}
