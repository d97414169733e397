package dev.baton.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.TaskError;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored error history: the exact text the backends write today, and what they have stored. */
class TaskErrorsTest {
  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456789Z");
  private static final TaskError ERROR =
      new TaskError(AT, 2, "boom \"quoted\" é", "java.lang.IllegalStateException", "at x\n\tat y");

  @Test
  void iso_times_write_what_the_sql_backends_store() {
    assertThat(TaskErrors.ISO_TIMES.write(ERROR))
        .isEqualTo(
            """
        {"at":"2026-01-02T03:04:05.123456789Z","attempt":2,"message":"boom \\"quoted\\" é",\
        "exceptionClass":"java.lang.IllegalStateException","stackTrace":"at x\\n\\tat y"}""");
  }

  @Test
  void epoch_micros_write_what_redis_stores() {
    assertThat(TaskErrors.EPOCH_MICROS.write(ERROR))
        .isEqualTo(
            """
        {"at":"1767323045123456","attempt":2,"message":"boom \\"quoted\\" é",\
        "exceptionClass":"java.lang.IllegalStateException","stackTrace":"at x\\n\\tat y"}""");
  }

  @Test
  void a_history_round_trips_in_both_forms() {
    TaskError second =
        new TaskError(
            Instant.parse("2026-01-02T03:04:06Z"), 3, "timed out after PT1S", "timeout", "");
    String iso = TaskErrors.ISO_TIMES.writeAll(List.of(ERROR, second));
    assertThat(iso).startsWith("[{").contains("},{").endsWith("}]");
    assertThat(TaskErrors.ISO_TIMES.read(iso)).containsExactly(ERROR, second);
    // Redis keeps microseconds, what its TIME gives.
    TaskError truncated =
        new TaskError(
            Instant.parse("2026-01-02T03:04:05.123456Z"),
            2,
            ERROR.message(),
            ERROR.exceptionClass(),
            ERROR.stackTrace());
    String micros = TaskErrors.EPOCH_MICROS.writeAll(List.of(ERROR, second));
    assertThat(TaskErrors.EPOCH_MICROS.read(micros)).containsExactly(truncated, second);
  }

  @Test
  void empty_histories() {
    assertThat(TaskErrors.ISO_TIMES.writeAll(List.of()))
        .isEqualTo(TaskErrors.EMPTY)
        .isEqualTo("[]");
    for (TaskErrors codec : List.of(TaskErrors.ISO_TIMES, TaskErrors.EPOCH_MICROS)) {
      assertThat(codec.read(null)).isEmpty();
      assertThat(codec.read("")).isEmpty();
      assertThat(codec.read("[]")).isEmpty();
    }
  }

  @Test
  void reads_entries_stored_by_older_writers_and_scripts() {
    // The Redis scripts encode with cjson: any key order, and a missing text reads as empty.
    String script =
        "[{\"exceptionClass\":\"lease-expired\",\"attempt\":1,\"at\":\"-1500000\","
            + "\"message\":\"lease expired (owner n1, deadline x)\"}]";
    assertThat(TaskErrors.EPOCH_MICROS.read(script))
        .containsExactly(
            new TaskError(
                Instant.parse("1969-12-31T23:59:58.500Z"),
                1,
                "lease expired (owner n1, deadline x)",
                "lease-expired",
                ""));
    String sql =
        "[{\"at\":\"2026-01-02T03:04:05Z\",\"attempt\":1,\"message\":\"m\",\"exceptionClass\":\"E\","
            + "\"stackTrace\":\"s\"}]";
    assertThat(TaskErrors.ISO_TIMES.read(sql))
        .containsExactly(new TaskError(Instant.parse("2026-01-02T03:04:05Z"), 1, "m", "E", "s"));
  }

  @Test
  void unreadable_text_names_itself() {
    assertThatThrownBy(() -> TaskErrors.ISO_TIMES.read("[{"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not valid JSON: [{");
  }
}
