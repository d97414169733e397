package dev.baton.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.server.tasks.ShellTaskSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("baton.yaml"), text);
  }

  @Test
  void nothing_set_gives_the_defaults() {
    assertThat(ConfigLoader.load(null, Map.of(), Map.of())).isEqualTo(ServerConfig.defaults());
    assertThat(ServerConfig.defaults().shutdownGrace()).isEqualTo(Duration.ofMinutes(5));
    assertThat(ServerConfig.defaults().backend()).isEqualTo("sqlite:data/baton.db");
  }

  @Test
  void the_file_is_overridden_by_the_environment_and_that_by_flags() throws IOException {
    Path file =
        yaml(
            "backend: \"memory:\"\nworkers: 4\nshutdown-grace: 10s\nserver:\n  port: 9000\n  token: abc\n");
    Map<String, String> env = Map.of("BATON_WORKERS", "8", "BATON_SERVER_PORT", "9100");
    Map<String, String> flags = new HashMap<>();
    flags.put("server.port", "9200");
    ServerConfig config = ConfigLoader.load(file, env, flags);
    assertThat(config.backend()).isEqualTo("memory:");
    assertThat(config.workers()).isEqualTo(8);
    assertThat(config.port()).isEqualTo(9200);
    assertThat(config.token()).isEqualTo("abc");
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void an_unknown_key_is_refused_with_its_path() throws IOException {
    Path file = yaml("server:\n  prot: 9000\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown key 'server.prot'");
  }

  @Test
  void a_bad_value_is_refused_naming_the_key_and_source() throws IOException {
    Path file = yaml("server:\n  port: eighty\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
        .hasMessageContaining("server.port must be an integer but was 'eighty'")
        .hasMessageContaining(file.toString());
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("BATON_SHUTDOWN_GRACE", "later"), Map.of()))
        .hasMessageContaining("shutdown-grace")
        .hasMessageContaining("BATON_SHUTDOWN_GRACE");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("BATON_SERVER_PORT", "70000"), Map.of()))
        .hasMessageContaining("server.port must be between 0 and 65535 but was '70000'");
  }

  @Test
  void queues_come_as_a_yaml_list_or_a_comma_list() throws IOException {
    Path file = yaml("queues: [default, mail]\n");
    assertThat(ConfigLoader.load(file, Map.of(), Map.of()).queues())
        .containsExactly("default", "mail");
    assertThat(ConfigLoader.load(file, Map.of("BATON_QUEUES", "a, b"), Map.of()).queues())
        .containsExactly("a", "b");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BATON_QUEUES", "a b"), Map.of()))
        .hasMessageContaining("queues must be a list of queue names");
  }

  @Test
  void worker_types_come_as_a_list_and_a_malformed_name_is_refused_naming_the_key()
      throws IOException {
    Path file = yaml("server:\n  workers:\n    types: [send_email, report.build]\n");
    assertThat(ConfigLoader.load(file, Map.of(), Map.of()).workerTypes())
        .containsExactly("send_email", "report.build");
    assertThat(
            ConfigLoader.load(null, Map.of("BATON_SERVER_WORKERS_TYPES", "a, b"), Map.of())
                .workerTypes())
        .containsExactly("a", "b");
    assertThat(ServerConfig.defaults().workerTypes()).isEmpty();
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    yaml("server:\n  workers:\n    types: [\"send email\"]\n"), Map.of(), Map.of()))
        .hasMessageContaining("server.workers.types")
        .hasMessageContaining("send email");
  }

  @Test
  void shell_is_off_unless_enabled_and_needs_an_allow_list() throws IOException {
    Path listed = yaml("tasks:\n  shell:\n    allow: [echo, /usr/bin/true]\n");
    assertThat(ConfigLoader.load(listed, Map.of(), Map.of()).tasks().shell().allow()).isEmpty();
    var on =
        ConfigLoader.load(listed, Map.of("BATON_TASKS_SHELL_ENABLED", "true"), Map.of())
            .tasks()
            .shell();
    assertThat(on.allow())
        .extracting(ShellTaskSettings.Entry::command)
        .containsExactly("echo", "/usr/bin/true");
    assertThat(on.allow()).allSatisfy(entry -> assertThat(entry.args()).isEmpty());
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("BATON_TASKS_SHELL_ENABLED", "true"), Map.of()))
        .hasMessageContaining("tasks.shell.allow");
  }

  @Test
  void the_old_shell_keys_are_refused_not_ignored() throws IOException {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    yaml("shell:\n  enabled: true\n  allow: [tar]\n"), Map.of(), Map.of()))
        .hasMessageContaining("tasks.shell");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BATON_SHELL_ALLOW", "tar"), Map.of()))
        .hasMessageContaining("BATON_TASKS_SHELL_ALLOW");
  }

  @Test
  void shell_entries_fix_arguments_and_the_environment_comes_from_the_file_or_the_environment()
      throws IOException {
    Path file =
        yaml(
            """
        tasks:
          shell:
            enabled: true
            allow:
              - name: backup
                command: /usr/bin/tar
                args: [czf, "/backups/{name}.tgz", /data]
                params: {name: "[a-z0-9-]{1,40}"}
            env: {LANG: C.UTF-8}
            inherit-env: [TZ]
            path: /usr/bin
        """);
    ShellTaskSettings shell = ConfigLoader.load(file, Map.of(), Map.of()).tasks().shell();
    assertThat(shell.allow())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.name()).isEqualTo("backup");
              assertThat(entry.args()).containsExactly("czf", "/backups/{name}.tgz", "/data");
              assertThat(entry.params()).containsEntry("name", "[a-z0-9-]{1,40}");
            });
    assertThat(shell.env()).containsExactly(Map.entry("LANG", "C.UTF-8"));
    assertThat(shell.inheritEnv()).containsExactly("TZ");
    assertThat(shell.path()).isEqualTo("/usr/bin");

    ShellTaskSettings fromEnv =
        ConfigLoader.load(
                null,
                Map.of(
                    "BATON_TASKS_SHELL_ENABLED",
                    "yes",
                    "BATON_TASKS_SHELL_ALLOW",
                    "[{\"command\":\"sleep\",\"args\":[\"{s}\"],\"params\":{\"s\":\"[0-9]\"}}]",
                    "BATON_TASKS_SHELL_ENV",
                    "A=1,B=2"),
                Map.of())
            .tasks()
            .shell();
    assertThat(fromEnv.allow().get(0).params()).containsEntry("s", "[0-9]");
    assertThat(fromEnv.env()).containsEntry("A", "1").containsEntry("B", "2");
    assertThat(fromEnv.path()).isEqualTo(ShellTaskSettings.DEFAULT_PATH);

    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    yaml(
                        "tasks:\n  shell:\n    enabled: true\n    allow:\n"
                            + "      - {command: tar, args: [\"{a}\"], params: {b: x}}\n"),
                    Map.of(),
                    Map.of()))
        .hasMessageContaining("no argument holds {b}");
    assertThatThrownBy(() -> ConfigLoader.load(yaml("tasks:\n  shel: {}\n"), Map.of(), Map.of()))
        .hasMessageContaining("unknown key 'tasks.shel'");
  }

  @Test
  void the_http_allow_list_comes_from_the_file_or_a_comma_list() throws IOException {
    assertThat(ServerConfig.defaults().tasks().http().allow()).isEmpty();
    Path file =
        yaml(
            "tasks:\n  http:\n    allow: [\"127.0.0.1/32\", hooks.internal.example]\n    result-chars: 10\n");
    var http = ConfigLoader.load(file, Map.of(), Map.of()).tasks().http();
    assertThat(http.allow()).containsExactly("127.0.0.1/32", "hooks.internal.example");
    assertThat(http.resultChars()).isEqualTo(10);
    assertThat(
            ConfigLoader.load(
                    null, Map.of("BATON_TASKS_HTTP_ALLOW", "10.0.0.0/8, a.example"), Map.of())
                .tasks()
                .http()
                .allow())
        .containsExactly("10.0.0.0/8", "a.example");
    assertThatThrownBy(
            () ->
                ConfigLoader.load(null, Map.of("BATON_TASKS_HTTP_ALLOW", "10.0.0.0/40"), Map.of()))
        .hasMessageContaining("tasks.http.allow")
        .hasMessageContaining("BATON_TASKS_HTTP_ALLOW");
  }

  @Test
  void retention_and_purge_period_come_from_every_layer_and_bad_values_name_the_key()
      throws IOException {
    assertThat(ServerConfig.defaults().retention()).isEqualTo(Duration.ofHours(24));
    assertThat(ServerConfig.defaults().purgePeriod()).isEqualTo(Duration.ofMinutes(1));
    Path file = yaml("retention: 7d\npurge-period: 30s\n");
    ServerConfig fromFile = ConfigLoader.load(file, Map.of(), Map.of());
    assertThat(fromFile.retention()).isEqualTo(Duration.ofDays(7));
    assertThat(fromFile.purgePeriod()).isEqualTo(Duration.ofSeconds(30));
    ServerConfig overridden =
        ConfigLoader.load(file, Map.of("BATON_RETENTION", "2h"), Map.of("purge-period", "PT5M"));
    assertThat(overridden.retention()).isEqualTo(Duration.ofHours(2));
    assertThat(overridden.purgePeriod()).isEqualTo(Duration.ofMinutes(5));
    assertThat(ConfigLoader.load(null, Map.of("BATON_RETENTION", "forever"), Map.of()).retention())
        .isEqualTo(java.time.temporal.ChronoUnit.FOREVER.getDuration());

    assertThatThrownBy(() -> ConfigLoader.load(yaml("retention: soon\n"), Map.of(), Map.of()))
        .hasMessageContaining("retention must be a duration")
        .hasMessageContaining("'soon'")
        .hasMessageContaining("baton.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BATON_RETENTION", "500ms"), Map.of()))
        .hasMessageContaining("retention must be at least 1s but was '500ms'")
        .hasMessageContaining("BATON_RETENTION");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("purge-period", "PT0S")))
        .hasMessageContaining("purge-period must be at least 10ms")
        .hasMessageContaining("flag");
  }

  @Test
  void environment_names_follow_the_keys() {
    assertThat(ConfigLoader.envName("server.max-body-bytes"))
        .isEqualTo("BATON_SERVER_MAX_BODY_BYTES");
  }

  @Test
  void the_edge_defaults_are_safe_and_every_edge_key_is_read() throws IOException {
    ServerConfig d = ServerConfig.defaults();
    assertThat(d.host()).isEqualTo("127.0.0.1");
    assertThat(d.allowUnauthenticatedRemote()).isFalse();
    assertThat(d.allowedOrigins()).isEmpty();
    assertThat(d.allowedHosts()).isEmpty();
    Path file =
        yaml(
            "server:\n  allow-unauthenticated-remote: true\n  allowed-origins: [\"https://ops.example.com\"]\n"
                + "  allowed-hosts:\n    - baton.example.com\n    - baton.internal\n");
    Map<String, String> env =
        Map.of("BATON_SERVER_ALLOWED_ORIGINS", "https://a.example, https://b.example");
    ServerConfig config = ConfigLoader.load(file, env, Map.of());
    assertThat(config.allowUnauthenticatedRemote()).isTrue();
    assertThat(config.allowedOrigins()).containsExactly("https://a.example", "https://b.example");
    assertThat(config.allowedHosts()).containsExactly("baton.example.com", "baton.internal");
  }

  @Test
  void the_token_comes_from_a_file_trimmed_and_never_from_both() throws IOException {
    Path secret = Files.writeString(dir.resolve("token"), "  s3cret-from-file\n");
    assertThat(
            ConfigLoader.load(null, Map.of("BATON_SERVER_TOKEN_FILE", secret.toString()), Map.of())
                .token())
        .isEqualTo("s3cret-from-file");
    assertThat(
            ConfigLoader.load(yaml("server:\n  token-file: " + secret + "\n"), Map.of(), Map.of())
                .token())
        .isEqualTo("s3cret-from-file");
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null,
                    Map.of("BATON_SERVER_TOKEN", "x"),
                    Map.of("server.token-file", secret.toString())))
        .hasMessageContaining("not both");
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of(), Map.of("server.token-file", empty.toString())))
        .hasMessageContaining("is empty");
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null, Map.of(), Map.of("server.token-file", dir.resolve("none").toString())))
        .hasMessageContaining("cannot read")
        .hasMessageContaining("server.token-file");
  }

  @Test
  void the_token_never_shows_in_the_configuration_text() {
    ServerConfig config =
        ConfigLoader.load(null, Map.of("BATON_SERVER_TOKEN", "s3cret-value"), Map.of());
    assertThat(config.token()).isEqualTo("s3cret-value");
    assertThat(config.toString()).doesNotContain("s3cret-value").contains("token=****");
    assertThat(new dev.baton.server.api.ApiSettings("127.0.0.1", 0, "s3cret-value", 10).toString())
        .doesNotContain("s3cret-value");
  }

  @Test
  void scoped_tokens_and_the_worker_protocol_keys_come_from_every_layer_and_are_checked()
      throws IOException {
    Path work = Files.writeString(dir.resolve("work"), "work-secret\n");
    ServerConfig config =
        ConfigLoader.load(
            yaml(
                "server:\n  token: admin\n  work-token-file: "
                    + work
                    + "\n  workers:\n    heartbeat-interval: 2s\n"),
            Map.of(
                "BATON_SERVER_ENQUEUE_TOKEN",
                "enqueue-secret",
                "BATON_SERVER_WORKERS_MISSED_HEARTBEATS",
                "5"),
            Map.of("server.workers.max-wait", "10s"));
    assertThat(config.workToken()).isEqualTo("work-secret");
    assertThat(config.enqueueToken()).isEqualTo("enqueue-secret");
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.missedHeartbeats()).isEqualTo(5);
    assertThat(config.maxWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.toString()).doesNotContain("work-secret").doesNotContain("enqueue-secret");

    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("BATON_SERVER_WORK_TOKEN", "w"), Map.of()))
        .hasMessageContaining("server.token");
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null,
                    Map.of("BATON_SERVER_TOKEN", "same", "BATON_SERVER_WORK_TOKEN", "same"),
                    Map.of()))
        .hasMessageContaining("server.work-token")
        .hasMessageNotContaining("same");
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null, Map.of(), Map.of("server.workers.heartbeat-interval", "1m")))
        .hasMessageContaining("server.workers.heartbeat-interval");
    assertThatThrownBy(
            () ->
                ConfigLoader.load(null, Map.of(), Map.of("server.workers.missed-heartbeats", "0")))
        .hasMessageContaining("server.workers.missed-heartbeats");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of(), Map.of("server.workers.max-wait", "10m")))
        .hasMessageContaining("server.workers.max-wait");
  }
}
