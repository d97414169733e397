package dev.baton.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OneLineErrorsTest {
  @Test
  void a_secret_in_the_message_or_its_causes_is_masked() {
    StringWriter err = new StringWriter();
    CommandLine cli = BatonCommand.commandLine();
    cli.setErr(new PrintWriter(err, true));
    Exception e =
        new IllegalStateException(
            "cannot open rediss://:hunter2@cache:6380",
            new RuntimeException(
                "driver said: jdbc:postgresql://db/app?user=u&sslpassword=hunter3 refused"));

    int exit = new OneLineErrors("baton: ").handleExecutionException(e, cli, null);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .doesNotContain("hunter")
        .contains("rediss://:****@cache:6380")
        .contains("user=u&sslpassword=****")
        .contains("refused");
  }
}
