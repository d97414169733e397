package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.baton.testkit.ModuleCheck;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Opens;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** baton-server's module-info, and the module graph it makes on a module path. */
class ServerModuleTest {
  private static final String JACKSON = "com.fasterxml.jackson.databind";

  private final ModuleDescriptor server = ModuleCheck.descriptor(BatonServer.class);

  @Test
  void exportsTheEmbeddableServerTheBuiltInTypesAndThePluginSpi() {
    assertThat(server.name()).isEqualTo("dev.baton.server");
    assertThat(server.exports())
        .allMatch(e -> !e.isQualified())
        .extracting(Exports::source)
        .containsExactlyInAnyOrder(
            "dev.baton.server.api", "dev.baton.server.plugin", "dev.baton.server.tasks");
    assertThat(server.uses())
        .containsExactlyInAnyOrder(
            "dev.baton.server.plugin.BatonPlugin", "dev.baton.spi.StoreProvider");
  }

  @Test
  void opensToJacksonAndPicocliOnly() {
    assertThat(server.opens())
        .allMatch(Opens::isQualified)
        .extracting(Opens::source, Opens::targets)
        .containsExactlyInAnyOrder(
            tuple("dev.baton.server", Set.of(JACKSON)),
            tuple("dev.baton.server.api", Set.of(JACKSON)),
            tuple("dev.baton.server.cli", Set.of(JACKSON, "info.picocli")),
            tuple("dev.baton.server.config", Set.of(JACKSON)),
            tuple("dev.baton.server.tasks", Set.of(JACKSON)));
  }

  @Test
  void resolvesWithEveryBackend() throws Exception {
    ModuleLayer layer = ModuleCheck.layer("dev.baton.server");

    // The server requires no backend: service binding brings in every one on the module path.
    assertThat(ModuleCheck.providers(layer, "dev.baton.spi.StoreProvider"))
        .containsExactly(
            "dev.baton.store.jdbc.MariaDbStoreProvider",
                "dev.baton.store.jdbc.PostgresStoreProvider",
            "dev.baton.store.jdbc.SqliteStoreProvider",
                "dev.baton.store.memory.MemoryStoreProvider",
            "dev.baton.store.rabbitmq.RabbitStoreProvider",
                "dev.baton.store.redis.RedisStoreProvider");
  }
}
