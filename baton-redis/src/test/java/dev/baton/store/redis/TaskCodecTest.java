package dev.baton.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.store.redis.TaskCodec.StateField;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The codec of a task's stored parts, against the layout common.lua declares. */
class TaskCodecTest {
  /** The names in common.lua's one declaration of a state's fields, in their order. */
  private static List<String> luaStateFields() throws IOException {
    String lua;
    try (InputStream in = TaskCodec.class.getResourceAsStream("common.lua")) {
      lua = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher declaration = Pattern.compile("(?m)^local STATE_FIELDS = \\{([^}]*)}").matcher(lua);
    assertThat(declaration.find()).as("common.lua declares local STATE_FIELDS = {...}").isTrue();
    List<String> names = new ArrayList<>();
    Matcher name = Pattern.compile("'([^']*)'").matcher(declaration.group(1));
    while (name.find()) {
      names.add(name.group(1));
    }
    assertThat(declaration.find()).as("common.lua declares STATE_FIELDS once").isFalse();
    return names;
  }

  @Test
  void the_java_state_fields_are_the_lua_ones_in_the_same_order() throws IOException {
    assertThat(Arrays.stream(StateField.values()).map(f -> f.lua).toList())
        .containsExactlyElementsOf(luaStateFields());
  }

  /** A state with each field given by name, the others empty, in the declared order. */
  private static String state(Object... namesAndValues) {
    String[] fields = new String[StateField.values().length];
    Arrays.fill(fields, "");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields[((StateField) namesAndValues[i]).ordinal()] = (String) namesAndValues[i + 1];
    }
    return String.join("|", fields);
  }

  @Test
  void a_state_reads_back_by_field_with_the_lane_last_holding_a_bar() {
    String[] st =
        TaskCodec.state(
            state(
                StateField.SEQ,
                "7",
                StateField.STATUS,
                "RUNNING",
                StateField.ATTEMPTS,
                "2",
                StateField.EXEC,
                "1500",
                StateField.PRIORITY,
                "3",
                StateField.RUN_AT,
                "1000000",
                StateField.CREATED,
                "2000000",
                StateField.UPDATED,
                "3000000",
                StateField.STARTED,
                "4000000",
                StateField.LEASE_DEADLINE,
                "5000000",
                StateField.LEASE_TOKEN,
                "t%7Cok",
                StateField.LEASE_OWNER,
                "node%25a",
                StateField.LANE,
                "q|x\ntype"));
    String body =
        "{\"id\":\"a\",\"type\":\"type\",\"queue\":\"q|x\",\"payload\":\"{}\",\"prio\":\"3\","
            + "\"max\":\"5\"}";

    TaskRecord task = TaskCodec.task(st, body, null);

    assertThat(StateField.LANE.of(st)).isEqualTo("q|x\ntype");
    assertThat(TaskCodec.hasExtras(st)).isFalse();
    assertThat(task.sequence()).isEqualTo(7);
    assertThat(task.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(task.attempts()).isEqualTo(2);
    assertThat(task.executionTime()).isEqualTo(Duration.ofNanos(1500));
    assertThat(task.runAt()).isEqualTo(Instant.ofEpochSecond(1));
    assertThat(task.createdAt()).isEqualTo(Instant.ofEpochSecond(2));
    assertThat(task.updatedAt()).isEqualTo(Instant.ofEpochSecond(3));
    assertThat(task.startedAt()).isEqualTo(Instant.ofEpochSecond(4));
    assertThat(task.finishedAt()).isNull();
    assertThat(task.leaseDeadline()).isEqualTo(Instant.ofEpochSecond(5));
    assertThat(task.leaseToken()).isEqualTo("t|ok");
    assertThat(task.leaseOwner()).isEqualTo("node%a");
  }

  @Test
  void a_state_on_a_ready_list_has_no_lease_deadline() {
    String[] st =
        TaskCodec.state(
            state(
                StateField.SEQ,
                "1",
                StateField.STATUS,
                "QUEUED",
                StateField.ATTEMPTS,
                "0",
                StateField.EXEC,
                "0",
                StateField.PRIORITY,
                "0",
                StateField.RUN_AT,
                "1",
                StateField.CREATED,
                "1",
                StateField.UPDATED,
                "1",
                StateField.LEASE_DEADLINE,
                "L",
                StateField.EXTRAS,
                "1",
                StateField.LANE,
                "q\nt"));
    String body =
        "{\"id\":\"a\",\"type\":\"t\",\"queue\":\"q\",\"payload\":\"{}\",\"prio\":\"0\","
            + "\"max\":\"1\"}";

    TaskRecord task = TaskCodec.task(st, body, "{\"result\":\"r\"}");

    assertThat(TaskCodec.hasExtras(st)).isTrue();
    assertThat(task.leaseDeadline()).isNull();
    assertThat(task.leaseToken()).isNull();
    assertThat(task.result()).isEqualTo("r");
  }

  @Test
  void a_state_with_a_field_missing_is_refused() {
    assertThatThrownBy(() -> TaskCodec.state("1|QUEUED|0"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has 3 fields");
  }
}
