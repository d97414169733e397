package dev.baton.store.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./scripts/services} from a test. */
final class Services {
  private Services() {}

  static void restart(String service, Path log) throws IOException, InterruptedException {
    Path script =
        Path.of(System.getProperty("user.dir")).resolve("../scripts/services").normalize();
    Process restart =
        new ProcessBuilder(script.toString(), "restart", service)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(restart.waitFor(3, TimeUnit.MINUTES)).as("the restart finished").isTrue();
    assertThat(restart.exitValue())
        .as("scripts/services restart %s; see %s", service, log)
        .isZero();
  }
}
