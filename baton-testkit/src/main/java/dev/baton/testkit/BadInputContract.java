package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.Enqueue;
import dev.baton.InvalidPayloadException;
import dev.baton.PayloadTooLargeException;
import dev.baton.TaskId;
import dev.baton.TaskRequest;
import dev.baton.TaskType;
import dev.baton.UnknownTaskTypeException;
import dev.baton.spi.QueueCount;
import dev.baton.spi.TaskQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input through the engine's API: each mistake gets an exception that names the field or the
 * value, and leaves the store exactly as it was. Extend it and implement {@link #openStore}.
 */
public abstract class BadInputContract extends EngineContractSupport {
  /**
   * A payload with a number field, so that a string there does not fit.
   *
   * @param item what is ordered
   * @param quantity how many
   */
  public record Order(String item, int quantity) {}

  /** The task type of {@link Order}s. */
  protected static final TaskType<Order> ORDER = TaskType.of("order", Order.class);

  private static final int MAX_PAYLOAD = 200;

  /** A producer-only instance that knows {@link #ORDER}; it already stored one good task. */
  protected Baton baton;

  private List<QueueCount> countsBefore;

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected BadInputContract() {}

  /** Starts the instance and stores one good task, so that "untouched" has something to keep. */
  @BeforeEach
  protected void startProducer() {
    baton = start(builder().register(ORDER).maxPayloadBytes(MAX_PAYLOAD));
    baton.enqueue(ORDER, new Order("kept", 1), Enqueue.options().id("good-1"));
    countsBefore = capabilities().listing() ? baton.counts() : null;
  }

  private void assertStoreUntouched(String... badIds) {
    for (String id : badIds) {
      assertThat(store.get(TaskId.of(id))).as("task %s must not be stored", id).isEmpty();
    }
    assertThat(get("good-1").payload()).contains("kept");
    if (countsBefore != null) {
      assertThat(baton.counts()).containsExactlyInAnyOrderElementsOf(countsBefore);
      assertThat(baton.tasks(TaskQuery.byStatus(null, 10)).total()).isEqualTo(1);
    }
  }

  private static Enqueue id(String id) {
    return Enqueue.options().id(id);
  }

  @Test
  void an_unknown_task_type_name_is_refused_and_named() {
    assertThatThrownBy(() -> baton.enqueue(TaskRequest.json("no-such-type", "{}", id("bad"))))
        .isInstanceOf(UnknownTaskTypeException.class)
        .hasMessageContaining("no-such-type")
        .hasMessageContaining(ORDER.name())
        .satisfies(
            e -> assertThat(((UnknownTaskTypeException) e).typeName()).isEqualTo("no-such-type"));
    assertStoreUntouched("bad");
  }

  /** Enqueues an {@link #ORDER} by JSON with id "bad", expecting it to be refused. */
  private InvalidPayloadException refusedOrder(String json) {
    InvalidPayloadException refused =
        catchThrowableOfType(
            InvalidPayloadException.class,
            () -> baton.enqueue(TaskRequest.json(ORDER.name(), json, id("bad"))));
    assertThat(refused).as("InvalidPayloadException for %s", json).isNotNull();
    return refused;
  }

  @Test
  void a_json_field_of_the_wrong_type_is_refused_naming_the_field_and_value() {
    InvalidPayloadException refused = refusedOrder("{\"item\":\"pen\",\"quantity\":\"lots\"}");

    assertThat(refused.field()).isEqualTo("payload.quantity");
    assertThat(refused).hasMessageContaining("payload.quantity").hasMessageContaining("lots");
    assertStoreUntouched("bad");
  }

  @Test
  void a_json_value_of_another_kind_is_refused_not_coerced() {
    assertThat(refusedOrder("{\"item\":\"pen\",\"quantity\":1.7}").field())
        .isEqualTo("payload.quantity");
    assertThat(refusedOrder("{\"item\":\"pen\",\"quantity\":\"3\"}").field())
        .isEqualTo("payload.quantity");
    assertThat(refusedOrder("{\"item\":5,\"quantity\":1}").field()).isEqualTo("payload.item");
    assertStoreUntouched("bad");
  }

  @Test
  void a_null_payload_by_type_name_is_refused_like_a_typed_null() {
    assertThatThrownBy(() -> baton.enqueue(ORDER, null, id("bad-typed")))
        .isInstanceOf(NullPointerException.class);
    InvalidPayloadException refused = refusedOrder("null");
    assertThat(refused.field()).isEqualTo("payload");
    assertThat(refused).hasMessageContaining("null");
    TaskType<JsonNode> any = TaskType.of("any-json", JsonNode.class);
    assertThatThrownBy(
            () ->
                baton.enqueue(
                    new TaskRequest(any.name(), any, NullNode.getInstance(), id("bad-node"))))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(
            () ->
                baton.enqueue(
                    new TaskRequest(any.name(), null, NullNode.getInstance(), id("bad-name"))))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(() -> baton.enqueue(TaskRequest.json(any.name(), " null ", id("bad-text"))))
        .isInstanceOf(InvalidPayloadException.class);
    assertStoreUntouched("bad", "bad-typed", "bad-node", "bad-name", "bad-text");
  }

  @Test
  void an_unknown_json_field_is_refused_naming_the_field() {
    InvalidPayloadException refused =
        refusedOrder("{\"item\":\"pen\",\"quantity\":1,\"colour\":\"red\"}");

    assertThat(refused.field()).isEqualTo("payload.colour");
    assertThat(refused).hasMessageContaining("colour");
    assertStoreUntouched("bad");
  }

  @Test
  void malformed_json_is_refused_saying_where() {
    InvalidPayloadException refused = refusedOrder("{\"item\": \"pen\", ");

    assertThat(refused.field()).isEqualTo("payload");
    assertThat(refused).hasMessageContaining("line 1");
    assertStoreUntouched("bad");
  }

  @Test
  void a_priority_outside_0_to_10_is_refused_naming_the_value() {
    assertThatThrownBy(() -> baton.enqueue(ORDER, new Order("pen", 1), id("bad").priority(11)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("priority")
        .hasMessageContaining("11");
    assertThatThrownBy(() -> Enqueue.options().priority(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertStoreUntouched("bad");
  }

  @Test
  void a_negative_delay_is_refused_naming_the_value() {
    assertThatThrownBy(
            () ->
                baton.enqueue(ORDER, new Order("pen", 1), id("bad").delay(Duration.ofSeconds(-5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delay")
        .hasMessageContaining("-5");
    assertStoreUntouched("bad");
  }

  @Test
  void a_delay_and_a_run_at_time_together_are_refused_not_one_silently_chosen() {
    Instant at = Instant.parse("2030-01-01T00:00:00Z");
    assertThatThrownBy(() -> id("bad").delay(Duration.ofSeconds(30)).runAt(at))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delay")
        .hasMessageContaining("runAt");
    assertThatThrownBy(() -> id("bad").runAt(at).delay(Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT30S");
    assertThat(id("bad").runAt(at).runAt(null).delay(Duration.ofSeconds(30)).delay())
        .isEqualTo(Duration.ofSeconds(30));
    assertStoreUntouched("bad");
  }

  @Test
  void a_payload_over_the_size_limit_is_refused_naming_the_limit() {
    Order huge = new Order("x".repeat(MAX_PAYLOAD), 1);

    assertThatThrownBy(() -> baton.enqueue(ORDER, huge, id("bad")))
        .isInstanceOf(PayloadTooLargeException.class)
        .hasMessageContaining("payload")
        .hasMessageContaining(String.valueOf(MAX_PAYLOAD));
    String hugeJson = "{\"item\":\"" + "y".repeat(MAX_PAYLOAD) + "\",\"quantity\":1}";
    assertThatThrownBy(
            () -> baton.enqueue(TaskRequest.json(ORDER.name(), hugeJson, id("bad-json"))))
        .isInstanceOf(PayloadTooLargeException.class)
        .hasMessageContaining(String.valueOf(MAX_PAYLOAD));
    assertStoreUntouched("bad", "bad-json");
  }

  @Test
  void a_batch_with_one_bad_request_stores_nothing() {
    List<TaskRequest> batch =
        List.of(
            TaskRequest.of(ORDER, new Order("first", 1), id("batch-1")),
            TaskRequest.json(
                ORDER.name(), "{\"item\":\"second\",\"quantity\":\"two\"}", id("batch-2")),
            TaskRequest.of(ORDER, new Order("third", 3), id("batch-3")));

    assertThatThrownBy(() -> baton.enqueueAll(batch))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("requests[1]")
        .hasMessageContaining("quantity");
    assertStoreUntouched("batch-1", "batch-2", "batch-3");
  }

  @Test
  void a_batch_of_one_names_its_bad_payload_by_place_as_a_longer_batch_does() {
    List<TaskRequest> batch =
        List.of(
            TaskRequest.json(ORDER.name(), "{\"item\":\"only\",\"quantity\":\"one\"}", id("lone")));

    InvalidPayloadException refused =
        catchThrowableOfType(InvalidPayloadException.class, () -> baton.enqueueAll(batch));

    assertThat(refused).isNotNull();
    assertThat(refused.field()).isEqualTo("requests[0].payload.quantity");
    assertStoreUntouched("lone");
  }

  @Test
  void a_null_handler_is_refused_at_the_builder_naming_the_type() {
    BatonBuilder builder = builder();

    assertThatThrownBy(() -> builder.handle(ORDER, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining(ORDER.name());
  }

  @Test
  void a_second_handler_for_a_type_is_refused_at_the_builder_naming_the_type() {
    BatonBuilder builder = builder().handle(ORDER, (order, ctx) -> 1);

    assertThatThrownBy(() -> builder.handle(ORDER, (order, ctx) -> 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ORDER.name())
        .hasMessageContaining("already");
  }
}
