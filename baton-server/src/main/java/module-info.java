/**
 * The {@code baton} command ({@code dev.baton.server.cli.BatonCommand}): server, worker, CLI
 * client, REST API, dashboard, metrics and the built-in task types. Exported: the REST server for
 * embedding ({@code dev.baton.server.api}), the built-in task types ({@code
 * dev.baton.server.tasks}) and the plugin SPI ({@code dev.baton.server.plugin}). The command line,
 * the configuration and the node registry stay inside.
 *
 * @uses dev.baton.server.plugin.BatonPlugin Java handlers from the plugins folder
 * @uses dev.baton.spi.StoreProvider to check that {@code baton demo} has its SQLite backend
 */
module dev.baton.server {
  // ApiServer.start takes a Baton; BatonPlugin.register a BatonBuilder.
  requires transitive dev.baton.core;
  requires ch.qos.logback.classic;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires info.picocli;
  requires java.net.http;
  requires jdk.httpserver;
  requires micrometer.core;
  requires micrometer.registry.prometheus;
  requires org.slf4j;

  exports dev.baton.server.api;
  exports dev.baton.server.plugin;
  exports dev.baton.server.tasks;

  // Records that Jackson reads and writes: the heartbeats, the API's views, the CLI's and the
  // config file's shapes, and the built-in task types' payloads. picocli also fills the commands'
  // option fields and makes their converters reflectively.
  opens dev.baton.server to
      com.fasterxml.jackson.databind;
  opens dev.baton.server.api to
      com.fasterxml.jackson.databind;
  opens dev.baton.server.cli to
      com.fasterxml.jackson.databind,
      info.picocli;
  opens dev.baton.server.config to
      com.fasterxml.jackson.databind;
  opens dev.baton.server.tasks to
      com.fasterxml.jackson.databind;

  uses dev.baton.server.plugin.BatonPlugin;
  uses dev.baton.spi.StoreProvider;
}
