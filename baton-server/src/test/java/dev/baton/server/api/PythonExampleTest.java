package dev.baton.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Any language can enqueue: docs/examples/enqueue.py, run as a user would, against a live server.
 */
class PythonExampleTest {
  @Test
  void the_python_example_enqueues_over_rest_and_reads_the_result_back()
      throws IOException, InterruptedException {
    Path script = Path.of("..", "docs", "examples", "enqueue.py").toAbsolutePath().normalize();
    assertThat(script).exists();
    try (TestServer api = new TestServer()) {
      ProcessBuilder builder =
          new ProcessBuilder("python3", script.toString()).redirectErrorStream(true);
      builder.environment().put("BATON_URL", api.server.url());
      Process python = builder.start();
      String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(python.exitValue()).as(output).isZero();
      assertThat(output)
          .contains("enqueued ")
          .contains("SUCCEEDED {\"greeting\": \"hello from python\"}");
    }
  }
}
