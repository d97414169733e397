package dev.baton.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.InvalidPayloadException;
import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.UnknownTaskTypeException;
import dev.baton.schedule.MisfirePolicy;
import dev.baton.schedule.ScheduleKind;
import dev.baton.schedule.ScheduleRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The REST answers byte for byte: field names, order, nulls kept, stored JSON embedded as JSON. */
class ViewsTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");
  private static final Instant T1 = Instant.parse("2026-01-02T03:04:06Z");

  private static String json(Object view) throws JsonProcessingException {
    return ApiJson.MAPPER.writeValueAsString(view);
  }

  @Test
  void a_task_with_every_field() throws Exception {
    TaskRecord t =
        TaskRecord.builder()
            .id(TaskId.of("t-1"))
            .type("send_email")
            .queue("mail")
            .payload("{\"to\":\"a@b.c\",\"n\":1.5}")
            .priority(8)
            .runAt(T0)
            .status(TaskStatus.RUNNING)
            .attempts(2)
            .maxAttempts(5)
            .retryPolicy("fixed delay=PT1M retries=4")
            .timeout(Duration.ofSeconds(90))
            .leaseOwner("node-a")
            .leaseToken("token")
            .leaseDeadline(T1)
            .state("{\"step\":2}")
            .result("[1,2]")
            .errors(
                List.of(
                    new TaskError(
                        T0,
                        1,
                        "boom \"quoted\" é",
                        "java.lang.IllegalStateException",
                        "at x\n\tat y")))
            .executionTime(Duration.ofMillis(1500))
            .correlationId("corr-1")
            .owner("alice")
            .scheduleId("nightly")
            .createdAt(T0)
            .startedAt(T1)
            .finishedAt(T1)
            .updatedAt(T1)
            .sequence(7)
            .build();
    assertThat(json(Views.TaskView.of(t)))
        .isEqualTo(
            """
            {"id":"t-1","type":"send_email","queue":"mail","status":"RUNNING","payload":{"to":"a@b.c",\
            "n":1.5},"priority":8,"runAt":"2026-01-02T03:04:05.123456789Z","attempts":2,"maxAttempts":5,\
            "retryPolicy":"fixed delay=PT1M retries=4","timeout":"PT1M30S","leaseOwner":"node-a","leaseDeadline":"2026-01-02T03:04:06Z",\
            "state":{"step":2},"result":[1,2],"errors":[{"at":"2026-01-02T03:04:05.123456789Z","attempt":1,\
            "message":"boom \\"quoted\\" é","exceptionClass":"java.lang.IllegalStateException",\
            "stackTrace":"at x\\n\\tat y"}],"executionTime":"PT1.5S","correlationId":"corr-1",\
            "owner":"alice","scheduleId":"nightly","createdAt":"2026-01-02T03:04:05.123456789Z",\
            "startedAt":"2026-01-02T03:04:06Z","finishedAt":"2026-01-02T03:04:06Z",\
            "updatedAt":"2026-01-02T03:04:06Z"}""");
  }

  @Test
  void a_task_with_nulls_and_unreadable_stored_text() throws Exception {
    TaskRecord t =
        TaskRecord.builder()
            .id(TaskId.of("t-2"))
            .type("noop")
            .queue("default")
            .payload("not json")
            .runAt(T0)
            .status(TaskStatus.QUEUED)
            .maxAttempts(1)
            .errors(List.of())
            .executionTime(Duration.ZERO)
            .createdAt(T0)
            .updatedAt(T0)
            .sequence(1)
            .build();
    assertThat(json(Views.TaskView.of(t)))
        .isEqualTo(
            """
            {"id":"t-2","type":"noop","queue":"default","status":"QUEUED","payload":"not json","priority":0,\
            "runAt":"2026-01-02T03:04:05.123456789Z","attempts":0,"maxAttempts":1,"retryPolicy":null,"timeout":null,\
            "leaseOwner":null,"leaseDeadline":null,"state":null,"result":null,"errors":[],\
            "executionTime":"PT0S","correlationId":null,"owner":null,"scheduleId":null,\
            "createdAt":"2026-01-02T03:04:05.123456789Z","startedAt":null,"finishedAt":null,\
            "updatedAt":"2026-01-02T03:04:05.123456789Z"}""");
  }

  @Test
  void schedules() throws Exception {
    ScheduleRecord cron =
        ScheduleRecord.builder()
            .name("nightly")
            .kind(ScheduleKind.CRON)
            .expression("0 2 * * *")
            .zone("Asia/Shanghai")
            .taskType("report")
            .payload("{\"a\":[true,null]}")
            .queue("reports")
            .priority(3)
            .maxRuns(10)
            .runCount(2)
            .enabled(true)
            .lastRunAt(T0)
            .nextRunAt(T1)
            .description("the report")
            .misfirePolicy(MisfirePolicy.SKIP)
            .createdAt(T0)
            .updatedAt(T1)
            .version(4)
            .build();
    ScheduleRecord every =
        ScheduleRecord.builder()
            .name("tick")
            .kind(ScheduleKind.INTERVAL)
            .expression("PT30S")
            .taskType("noop")
            .payload("{}")
            .queue("default")
            .enabled(false)
            .misfirePolicy(MisfirePolicy.FIRE_ONCE)
            .createdAt(T0)
            .updatedAt(T0)
            .version(1)
            .build();
    assertThat(json(Views.ScheduleView.of(cron)))
        .isEqualTo(
            """
            {"name":"nightly","kind":"CRON","expression":"0 2 * * *","zone":"Asia/Shanghai","type":"report",\
            "payload":{"a":[true,null]},"queue":"reports","priority":3,"maxRuns":10,"runCount":2,\
            "enabled":true,"state":"ACTIVE","lastRunAt":"2026-01-02T03:04:05.123456789Z",\
            "nextRunAt":"2026-01-02T03:04:06Z","description":"the report","misfire":"SKIP",\
            "createdAt":"2026-01-02T03:04:05.123456789Z","updatedAt":"2026-01-02T03:04:06Z"}""");
    assertThat(json(Views.ScheduleView.of(every)))
        .isEqualTo(
            """
            {"name":"tick","kind":"INTERVAL","expression":"PT30S","zone":null,"type":"noop","payload":{},\
            "queue":"default","priority":0,"maxRuns":0,"runCount":0,"enabled":false,"state":"FINISHED",\
            "lastRunAt":null,"nextRunAt":null,"description":null,"misfire":"FIRE_ONCE",\
            "createdAt":"2026-01-02T03:04:05.123456789Z","updatedAt":"2026-01-02T03:04:05.123456789Z"}""");
  }

  @Test
  void problems() throws Exception {
    assertThat(
            json(
                Problems.of(
                    new ApiException(400, "limit", 0, "'limit' must be 1..1000"),
                    "/api/v1/tasks",
                    null)))
        .isEqualTo(
            """
            {"type":"about:blank","title":"Bad Request","status":400,"detail":"'limit' must be 1..1000",\
            "instance":"/api/v1/tasks","field":"limit","value":"0"}""");
    assertThat(
            json(
                Problems.of(
                    new UnknownTaskTypeException("nope", Set.of("a")), "/api/v1/tasks", null)))
        .isEqualTo(
            """
            {"type":"about:blank","title":"Bad Request","status":400,\
            "detail":"Unknown task type 'nope'; known types: [a]","instance":"/api/v1/tasks","field":"type",\
            "value":"nope"}""");
    assertThat(
            json(
                Problems.of(
                    new InvalidPayloadException("payload.to", "is required", null), "/x", "r1")))
        .isEqualTo(
            """
            {"type":"about:blank","title":"Bad Request","status":400,"detail":"payload.to: is required",\
            "instance":"/x","requestId":"r1","field":"payload.to"}""");
    assertThat(json(Problems.of(new IllegalStateException(), "/x", null)))
        .isEqualTo(
            """
            {"type":"about:blank","title":"Conflict","status":409,"detail":"Conflict","instance":"/x"}""");
    assertThat(json(Problems.of(new RuntimeException("secret"), "/x", "abc123")))
        .isEqualTo(
            """
            {"type":"about:blank","title":"Internal Server Error","status":500,\
            "detail":"internal error; the server log has the details under request id abc123",\
            "instance":"/x","requestId":"abc123"}""");
  }

  @Test
  void nodes_with_and_without_a_heartbeat() throws Exception {
    var beat =
        new dev.baton.server.NodeRegistry.Heartbeat(
            "n1", "worker", null, 4, List.of("default"), List.of("a"), T0, T1);
    var nodes =
        new Views.Nodes(
            "n1",
            List.of(
                new Views.NodeView("n1", Views.Beat.of(beat), true, 0, List.of()),
                new Views.NodeView(
                    "n2", null, false, 1, List.of(new Views.TaskRef("t-1", "a", "q")))),
            List.of(
                new Views.RemoteWorkerView(
                    "w1",
                    java.util.Map.of("lang", "py"),
                    List.of("q"),
                    List.of(),
                    2,
                    1,
                    List.of(new Views.TaskRef("t-2", "b", "q")),
                    T0,
                    null,
                    T1)));
    assertThat(json(nodes))
        .isEqualTo(
            """
            {"self":"n1","items":[{"node":"n1","role":"worker","url":null,"workers":4,"queues":["default"],\
            "types":["a"],"startedAt":"2026-01-02T03:04:05.123456789Z","seenAt":"2026-01-02T03:04:06Z",\
            "alive":true,"running":0,"tasks":[]},{"node":"n2","alive":false,"running":1,\
            "tasks":[{"id":"t-1","type":"a","queue":"q"}]}],"workers":[{"id":"w1","labels":{"lang":"py"},\
            "queues":["q"],"types":[],"concurrency":2,"leases":1,"tasks":[{"id":"t-2","type":"b","queue":"q"}],\
            "registeredAt":"2026-01-02T03:04:05.123456789Z","lastHeartbeat":null,"seenAt":"2026-01-02T03:04:06Z"}]}""");
  }

  @Test
  void small_answers() throws Exception {
    assertThat(json(new Views.Health("UP", null))).isEqualTo("{\"status\":\"UP\"}");
    assertThat(json(new Views.Health("DOWN", "gone")))
        .isEqualTo("{\"status\":\"DOWN\",\"detail\":\"gone\"}");
    assertThat(
            json(
                new Views.Items<>(
                    List.of(
                        new Views.QueueView(
                            "q",
                            true,
                            new java.util.TreeMap<>(java.util.Map.of("QUEUED", 3L, "FAILED", 1L)),
                            2,
                            1)))))
        .isEqualTo(
            """
            {"items":[{"queue":"q","paused":true,"counts":{"FAILED":1,"QUEUED":3},"ready":2,"scheduled":1}]}""");
    assertThat(json(new Views.Latency(5, 0.25, 1.0, 2.125)))
        .isEqualTo("{\"count\":5,\"p50Ms\":0.25,\"p99Ms\":1.0,\"maxMs\":2.125}");
    assertThat(json(new Views.NextTimes("tick", List.of(T0, T1))))
        .isEqualTo(
            "{\"name\":\"tick\",\"times\":[\"2026-01-02T03:04:05.123456789Z\",\"2026-01-02T03:04:06Z\"]}");
    assertThat(json(new Views.KvValue("k", ApiJson.parse("null"))))
        .isEqualTo("{\"key\":\"k\",\"value\":null}");
  }
}
