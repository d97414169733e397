package dev.baton.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import dev.baton.InvalidPayloadException;
import dev.baton.PayloadTooLargeException;
import dev.baton.TaskId;
import dev.baton.TaskNotFoundException;
import dev.baton.spi.StoreException;
import java.io.UncheckedIOException;
import java.time.zone.ZoneRulesException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exceptions map to statuses by their most specific mapped class, not by the table's order. */
class ProblemsTest {
  @Test
  void a_subclass_added_after_its_parent_still_wins() {
    Map<Class<? extends Throwable>, Integer> table = new LinkedHashMap<>();
    table.put(RuntimeException.class, 500);
    table.put(InvalidPayloadException.class, 400);
    table.put(PayloadTooLargeException.class, 413);

    // Taking the first entry the error is an instance of would answer 500 for both.
    assertThat(Problems.statusOf(new PayloadTooLargeException("payload", 10, 5), table))
        .isEqualTo(413);
    assertThat(Problems.statusOf(new InvalidPayloadException("payload", "bad", null), table))
        .isEqualTo(400);
  }

  @Test
  void an_unmapped_class_takes_its_nearest_mapped_ancestor() {
    Map<Class<? extends Throwable>, Integer> table = new LinkedHashMap<>();
    table.put(InvalidPayloadException.class, 400);
    table.put(PayloadTooLargeException.class, 413);
    Throwable deeper = new PayloadTooLargeException("payload", 10, 5) {};

    assertThat(Problems.statusOf(deeper, table)).isEqualTo(413);
    assertThat(Problems.statusOf(new IllegalStateException("x"), table)).isEqualTo(500);
  }

  @Test
  void the_server_table() {
    assertThat(Problems.statusOf(new PayloadTooLargeException("payload", 10, 5))).isEqualTo(413);
    assertThat(Problems.statusOf(new InvalidPayloadException("payload", "bad", null)))
        .isEqualTo(400);
    assertThat(Problems.statusOf(new TaskNotFoundException(TaskId.of("t1")))).isEqualTo(404);
    assertThat(Problems.statusOf(new JsonParseException(null, "bad"))).isEqualTo(400);
    assertThat(Problems.statusOf(new NumberFormatException("x"))).isEqualTo(400);
    assertThat(Problems.statusOf(new ZoneRulesException("x"))).isEqualTo(400);
    assertThat(Problems.statusOf(new StoreException("down"))).isEqualTo(503);
    assertThat(Problems.statusOf(new UncheckedIOException(new java.io.IOException("x"))))
        .isEqualTo(500);
    assertThat(Problems.statusOf(new ApiException(421, "Host", "h", "no"))).isEqualTo(421);
  }
}
