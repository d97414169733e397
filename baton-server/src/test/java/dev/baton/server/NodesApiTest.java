package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.TaskType;
import dev.baton.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node registry: a server and a worker on one SQLite file see each other, idle or busy. */
class NodesApiTest {
  record Block(String name) {}

  static final TaskType<Block> BLOCK = TaskType.of("block", Block.class);

  @TempDir Path dir;

  private static JsonNode get(String url) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return new ObjectMapper()
          .readTree(
              client
                  .send(
                      HttpRequest.newBuilder(URI.create(url)).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
    }
  }

  private static JsonNode node(JsonNode nodes, String id) {
    for (JsonNode n : nodes.get("items")) {
      if (n.get("node").asText().equals(id)) {
        return n;
      }
    }
    return null;
  }

  @Test
  void an_idle_worker_is_listed_with_what_it_serves_then_what_it_runs_and_leaves_on_shutdown()
      throws Exception {
    String backend = "sqlite:" + dir.resolve("shared.db");
    ServerConfig serverConfig =
        ServerConfig.builder()
            .backend(backend)
            .port(0)
            .maxBodyBytes(100_000)
            .workers(2)
            .shutdownGrace(Duration.ofSeconds(5))
            .metrics(false)
            .build();
    ServerConfig workerConfig =
        ServerConfig.builder()
            .backend(backend)
            .port(0)
            .maxBodyBytes(100_000)
            .workers(3)
            .shutdownGrace(Duration.ofSeconds(5))
            .metrics(false)
            .queues(List.of("default", "slow"))
            .build();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (BatonServer server =
        BatonServer.start(
            serverConfig, true, b -> b.register(BLOCK).pollInterval(Duration.ofMillis(20)))) {
      String workerId;
      try (BatonServer worker =
          BatonServer.start(
              workerConfig,
              false,
              b ->
                  b.pollInterval(Duration.ofMillis(20))
                      .handle(
                          BLOCK,
                          (job, ctx) -> {
                            started.countDown();
                            release.await();
                            return job.name();
                          }))) {
        workerId = worker.baton().nodeId();
        JsonNode nodes = get(server.url() + "/api/v1/nodes");
        JsonNode idle = node(nodes, workerId);
        assertThat(idle).as(nodes.toPrettyString()).isNotNull();
        assertThat(idle.get("alive").asBoolean()).isTrue();
        assertThat(idle.get("role").asText()).isEqualTo("worker");
        assertThat(idle.get("workers").asInt()).isEqualTo(3);
        assertThat(idle.get("queues"))
            .extracting(JsonNode::asText)
            .containsExactly("default", "slow");
        assertThat(idle.get("types")).extracting(JsonNode::asText).contains("block", "echo");
        assertThat(idle.get("running").asInt()).isZero();
        assertThat(node(nodes, server.baton().nodeId()).get("role").asText()).isEqualTo("server");
        assertThat(node(nodes, server.baton().nodeId()).get("url").asText())
            .isEqualTo(server.url());

        server.baton().enqueue(BLOCK, new Block("held"));
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> {
                  JsonNode busy = node(get(server.url() + "/api/v1/nodes"), workerId);
                  assertThat(busy.get("running").asInt()).isEqualTo(1);
                  assertThat(busy.get("tasks").get(0).get("type").asText()).isEqualTo("block");
                });
        release.countDown();
      }
      assertThat(node(get(server.url() + "/api/v1/nodes"), workerId)).isNull();
    } finally {
      release.countDown();
    }
  }
}
