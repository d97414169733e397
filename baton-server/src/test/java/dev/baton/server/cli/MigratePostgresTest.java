package dev.baton.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.TaskId;
import dev.baton.TaskStatus;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton migrate} from SQLite to the PostgreSQL test server ({@code ./scripts/services
 * start}), into a schema of its own made before each test and dropped after. Tagged: it runs with
 * {@code -Dbaton.servers} or in CI, and then fails when the server is missing.
 */
@Tag("postgresql")
class MigratePostgresTest {
  private static final String BASE =
      "jdbc:postgresql://127.0.0.1:"
          + System.getenv().getOrDefault("BATON_PG_PORT", "55432")
          + "/baton";

  @TempDir Path dir;
  private String schema;

  @BeforeEach
  void createSchema() throws SQLException {
    schema = "t_migrate_" + UUID.randomUUID().toString().substring(0, 8);
    execute("CREATE SCHEMA " + schema);
  }

  @AfterEach
  void dropSchema() throws SQLException {
    execute("DROP SCHEMA " + schema + " CASCADE");
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(BASE, "baton", "baton");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void sqlite_to_postgresql_copies_everything_and_the_counts_match() throws Exception {
    String from = "sqlite:" + dir.resolve("from.db");
    String to = BASE + "?currentSchema=" + schema + "&user=baton&password=baton";
    try (TaskStore source = StoreProviders.open(from, new StoreContext(InstantSource.system()))) {
      MigrationFixture.fill(source, 230, 4);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = BatonCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("migrate", "--from", from, "--to", to, "--batch", "100", "--json");

    assertThat(code).as(err.toString()).isZero();
    JsonNode summary = new ObjectMapper().readTree(out.toString());
    assertThat(summary.get("to").asText())
        .contains("password=****")
        .doesNotContain("password=baton");
    assertThat(summary.at("/tasks/inserted").asLong()).isEqualTo(230);
    assertThat(summary.at("/tasks/runningRequeued").asLong()).isEqualTo(4);
    assertThat(summary.at("/verify/ok").asBoolean()).isTrue();
    assertThat(summary.at("/verify/destination/tasks/QUEUED").asLong()).isEqualTo(46);
    assertThat(err.toString()).contains("4 task(s) are RUNNING");
    try (TaskStore target = StoreProviders.open(to, new StoreContext(InstantSource.system()))) {
      assertThat(target.get(TaskId.of("task-00002")).orElseThrow().status())
          .isEqualTo(TaskStatus.FAILED);
      assertThat(target.get(TaskId.of("task-00002")).orElseThrow().errors())
          .singleElement()
          .extracting(e -> e.message())
          .isEqualTo("boom");
      assertThat(target.schedules().list(false)).hasSize(2);
      assertThat(target.kv().get("greeting")).contains("\"hello\"");
    }
  }
}
