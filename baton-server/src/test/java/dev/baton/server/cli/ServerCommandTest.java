package dev.baton.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {
  @TempDir Path dir;

  private int baton(StringWriter err, String... args) {
    var cli = BatonCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void an_unknown_config_key_stops_the_start_naming_its_path() throws IOException {
    Path file = Files.writeString(dir.resolve("baton.yaml"), "server:\n  port: 8080\n  tokn: x\n");
    StringWriter err = new StringWriter();
    assertThat(baton(err, "server", "--config", file.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("unknown key 'server.tokn'");
  }

  @Test
  void a_bad_flag_value_is_a_usage_error() {
    StringWriter err = new StringWriter();
    assertThat(baton(err, "server", "--grace", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration");
  }

  @Test
  void a_missing_config_file_is_named() {
    StringWriter err = new StringWriter();
    assertThat(baton(err, "worker", "--config", dir.resolve("none.yaml").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("none.yaml does not exist");
  }

  @Test
  void a_non_loopback_address_without_a_token_refuses_to_start() {
    StringWriter err = new StringWriter();
    assertThat(baton(err, "server", "--backend", "memory:", "--host", "0.0.0.0", "--port", "0"))
        .isEqualTo(1);
    assertThat(err.toString())
        .contains("refusing to listen on 0.0.0.0 without a token")
        .contains("--insecure-no-token");
  }

  @Test
  void a_token_given_as_a_flag_is_warned_about_and_never_logged() {
    var logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ServerOptions.class);
    var appender =
        new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    appender.start();
    logger.addAppender(appender);
    try {
      ServerOptions options = new ServerOptions();
      options.config = null;
      options.backend = "memory:";
      options.token = "s3cret-flag-value";
      assertThat(options.load().token()).isEqualTo("s3cret-flag-value");
      assertThat(appender.list)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
                assertThat(e.getFormattedMessage())
                    .contains("process list")
                    .contains("--token-file")
                    .doesNotContain("s3cret-flag-value");
              });
    } finally {
      logger.detachAppender(appender);
    }
  }
}
