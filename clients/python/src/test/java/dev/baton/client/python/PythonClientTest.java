package dev.baton.client.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.baton.server.BatonServer;
import dev.baton.server.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python client's own tests ({@code clients/python/tests}), run by {@code python3 -m unittest}
 * against a real {@code baton server} on SQLite: one JUnit test per Python test module, whose
 * failure names the Python tests that failed and shows their output.
 */
class PythonClientTest {
  private static final Path CLIENT = Path.of("").toAbsolutePath();
  private static final Pattern RESULT =
      Pattern.compile(
          "^(test\\w*) \\(([\\w.]+)\\)(?:\\n.*?)?\\s\\.\\.\\.\\s(ok|FAIL|ERROR|skipped.*|expected failure)$",
          Pattern.MULTILINE);

  // Tokens of the second server, which requires them; made up per run, never logged.
  private static final String ADMIN_TOKEN = "admin-" + java.util.UUID.randomUUID();
  private static final String WORK_TOKEN = "work-" + java.util.UUID.randomUUID();
  private static final String ENQUEUE_TOKEN = "enqueue-" + java.util.UUID.randomUUID();

  @TempDir static Path dir;
  private static BatonServer server;
  private static BatonServer secured;

  @BeforeAll
  static void start() {
    // The server's own workers serve "default" only (echo, noop, http); the Python workers under
    // test take their tasks from queues of their own.
    // A short heartbeat: a killed worker's tasks come back within 1.5 s instead of 30.
    server =
        BatonServer.start(
            ServerConfig.builder()
                .backend("sqlite:" + dir.resolve("baton.db"))
                .port(0)
                .workers(4)
                .shutdownGrace(Duration.ofSeconds(5))
                .queues(List.of("default"))
                .heartbeatInterval(Duration.ofMillis(500))
                .missedHeartbeats(3)
                .build(),
            true,
            UnaryOperator.identity());
    secured =
        BatonServer.start(
            ServerConfig.builder()
                .backend("memory:")
                .port(0)
                .workers(1)
                .shutdownGrace(Duration.ofSeconds(5))
                .token(ADMIN_TOKEN)
                .workToken(WORK_TOKEN)
                .enqueueToken(ENQUEUE_TOKEN)
                .build(),
            true,
            UnaryOperator.identity());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (secured != null) {
      secured.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> python_test_modules() throws IOException {
    List<String> modules = new ArrayList<>();
    try (Stream<Path> files = Files.list(CLIENT.resolve("tests"))) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("test_") && n.endsWith(".py"))
          .sorted()
          .forEach(n -> modules.add("tests." + n.substring(0, n.length() - 3)));
    }
    assertThat(modules).as("Python test modules in %s", CLIENT.resolve("tests")).isNotEmpty();
    return modules.stream().map(module -> DynamicTest.dynamicTest(module, () -> run(module)));
  }

  private static void run(String module) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("python3", "-m", "unittest", "-v", module)
            .directory(CLIENT.toFile())
            .redirectErrorStream(true);
    builder.environment().put("BATON_URL", server.url());
    builder.environment().put("PYTHONPATH", CLIENT.resolve("src").toString());
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    builder.environment().remove("BATON_TOKEN");
    builder.environment().put("BATON_TEST_SECURED_URL", secured.url());
    builder.environment().put("BATON_TEST_ADMIN_TOKEN", ADMIN_TOKEN);
    builder.environment().put("BATON_TEST_WORK_TOKEN", WORK_TOKEN);
    builder.environment().put("BATON_TEST_ENQUEUE_TOKEN", ENQUEUE_TOKEN);
    Process python = builder.start();
    // Read while it runs: a full pipe would block the tests.
    var output = new java.io.ByteArrayOutputStream();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    python.getInputStream().transferTo(output);
                  } catch (IOException ignored) {
                    // the process ended
                  }
                });
    if (!python.waitFor(10, TimeUnit.MINUTES)) {
      python.descendants().forEach(ProcessHandle::destroyForcibly);
      python.destroyForcibly();
      reader.join(5_000);
      fail("%s did not finish in 10 minutes:%n%s", module, output.toString(StandardCharsets.UTF_8));
    }
    reader.join();
    String text = output.toString(StandardCharsets.UTF_8);
    System.out.println(text);
    List<String> failed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int passed = 0;
    Matcher m = RESULT.matcher(text);
    while (m.find()) {
      if (m.group(3).equals("ok")) {
        passed++;
      } else if (m.group(3).startsWith("skipped")) {
        skipped.add(m.group(2) + " " + m.group(3));
      } else {
        failed.add(m.group(2) + " " + m.group(3));
      }
    }
    assertThat(python.exitValue())
        .as("%s: failed %s (%d passed)%n%s", module, failed, passed, text)
        .isZero();
    assertThat(text)
        .as("%s ran no test:%n%s", module, text)
        .containsPattern("Ran [1-9]\\d* tests?");
    // Both servers are here: a skip means a test lost what it needs, not that it may be left out.
    assertThat(skipped).as("%s skipped tests:%n%s", module, text).isEmpty();
  }
}
