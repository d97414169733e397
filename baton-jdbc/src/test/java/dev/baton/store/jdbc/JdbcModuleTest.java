package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testkit.ModuleCheck;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Provides;
import org.junit.jupiter.api.Test;

/** baton-jdbc's module-info, and the module graph it makes on a module path. */
class JdbcModuleTest {
  private final ModuleDescriptor jdbc = ModuleCheck.descriptor(SqliteStoreProvider.class);

  @Test
  void exportsOnlyTheProvidersAndTransactionalEnqueue() {
    assertThat(jdbc.name()).isEqualTo("dev.baton.jdbc");
    assertThat(jdbc.exports())
        .allMatch(e -> !e.isQualified())
        .extracting(Exports::source)
        .containsExactly("dev.baton.store.jdbc");
    assertThat(jdbc.opens()).isEmpty();
    assertThat(jdbc.provides())
        .flatExtracting(Provides::providers)
        .containsExactlyInAnyOrder(
            SqliteStoreProvider.class.getName(),
            PostgresStoreProvider.class.getName(),
            MariaDbStoreProvider.class.getName());
  }

  @Test
  void resolvesWithItsDriversAndBackends() throws Exception {
    ModuleLayer layer = ModuleCheck.layer("dev.baton.jdbc");

    assertThat(ModuleCheck.providers(layer, "dev.baton.spi.StoreProvider"))
        .containsExactly(
            MariaDbStoreProvider.class.getName(),
            PostgresStoreProvider.class.getName(),
            SqliteStoreProvider.class.getName(),
            "dev.baton.store.memory.MemoryStoreProvider");
    assertThat(ModuleCheck.providers(layer, "java.sql.Driver"))
        .contains("org.sqlite.JDBC", "org.postgresql.Driver", "org.mariadb.jdbc.Driver");
  }
}
