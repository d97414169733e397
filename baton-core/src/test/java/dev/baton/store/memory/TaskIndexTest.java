package dev.baton.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.TaskId;
import dev.baton.spi.NewTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The id index against a LinkedHashMap: same lookups, same order, through growth and removals. */
class TaskIndexTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final Lane lane = new Lane("default", "t");
  private long sequence;

  private StoredTask entry(String id) {
    NewTask task =
        NewTask.builder()
            .id(TaskId.of(id))
            .type("t")
            .queue("default")
            .payload("{}")
            .maxAttempts(3)
            .timeout(Duration.ofSeconds(1))
            .build();
    return new StoredTask(task, NOW, ++sequence, lane);
  }

  @Test
  void matchesAMapThroughRandomAddsAndRemovals() {
    TaskIndex index = new TaskIndex();
    LinkedHashMap<TaskId, StoredTask> expected = new LinkedHashMap<>();
    Random random = new Random(42);
    for (int step = 0; step < 200_000; step++) {
      // A small id space makes duplicates, removals of neighbours in a cluster and re-adds common.
      String id = "task-" + random.nextInt(5_000);
      if (random.nextInt(3) > 0) {
        StoredTask entry = entry(id);
        boolean added = index.add(entry);
        assertThat(added).isEqualTo(!expected.containsKey(entry.id));
        if (added) {
          expected.put(entry.id, entry);
        }
      } else {
        StoredTask present = expected.remove(TaskId.of(id));
        if (present != null) {
          index.remove(present);
        }
      }
      if (step % 10_000 == 0) {
        assertSame(index, expected);
      }
    }
    assertSame(index, expected);
    for (int n = 0; n < 5_000; n++) {
      TaskId id = TaskId.of("task-" + n);
      assertThat(index.get(id)).isSameAs(expected.get(id));
    }
  }

  @Test
  void emptiesAndRefills() {
    TaskIndex index = new TaskIndex();
    List<StoredTask> entries = new ArrayList<>();
    for (int n = 0; n < 1_000; n++) {
      StoredTask entry = entry("id-" + n);
      entries.add(entry);
      assertThat(index.add(entry)).isTrue();
    }
    for (StoredTask entry : entries) {
      index.remove(entry);
    }
    assertThat(index.size()).isZero();
    assertThat(index.oldestFirst()).isEmpty();
    assertThat(index.get(TaskId.of("id-7"))).isNull();
    assertThat(index.add(entries.get(7))).isTrue();
    assertThat(index.newestFirst()).containsExactly(entries.get(7));
    index.clear();
    assertThat(index.size()).isZero();
    assertThat(index.get(TaskId.of("id-7"))).isNull();
  }

  @Test
  void idsWithOneStringHashCodeSpreadOut() {
    // "Aa" and "BB" have the same String.hashCode, so every string of ten such pairs does too.
    List<StoredTask> entries = new ArrayList<>();
    for (int bits = 0; bits < 1024; bits++) {
      StringBuilder id = new StringBuilder();
      for (int pair = 0; pair < 10; pair++) {
        id.append((bits >> pair & 1) == 0 ? "Aa" : "BB");
      }
      entries.add(entry(id.toString()));
    }
    assertThat(entries)
        .extracting(e -> e.id.value().hashCode())
        .containsOnly(entries.get(0).id.value().hashCode());
    TaskIndex index = new TaskIndex();
    for (StoredTask entry : entries) {
      assertThat(index.add(entry)).isTrue();
    }
    // After the long probes the index hashes with its seed: random 32-bit hashes of 1,024 ids
    // coincide now and then, tens of them would not.
    assertThat(entries.stream().map(e -> index.hash(e.id)).distinct().count())
        .isGreaterThan(1_000L);
    assertThat(index.add(entry(entries.get(5).id.value()))).isFalse();
    for (StoredTask entry : entries) {
      assertThat(index.get(entry.id)).isSameAs(entry);
    }
    index.remove(entries.get(7));
    assertThat(index.get(entries.get(7).id)).isNull();
    assertThat(index.oldestFirst()).hasSize(1_023);
  }

  private static void assertSame(TaskIndex index, LinkedHashMap<TaskId, StoredTask> expected) {
    assertThat(index.size()).isEqualTo(expected.size());
    assertThat(index.oldestFirst()).containsExactlyElementsOf(expected.values());
    assertThat(index.newestFirst())
        .containsExactlyElementsOf(expected.sequencedValues().reversed());
    for (StoredTask entry : expected.values()) {
      assertThat(index.get(entry.id)).isSameAs(entry);
    }
  }
}
