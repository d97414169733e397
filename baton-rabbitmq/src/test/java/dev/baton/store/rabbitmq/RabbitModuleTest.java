package dev.baton.store.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testkit.ModuleCheck;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Provides;
import org.junit.jupiter.api.Test;

/** baton-rabbitmq's module-info, and the module graph it makes on a module path. */
class RabbitModuleTest {
  private final ModuleDescriptor rabbit = ModuleCheck.descriptor(RabbitStoreProvider.class);

  @Test
  void exportsNothingAndProvidesTheBackend() {
    assertThat(rabbit.name()).isEqualTo("dev.baton.rabbitmq");
    assertThat(rabbit.exports()).isEmpty();
    assertThat(rabbit.opens()).isEmpty();
    assertThat(rabbit.provides())
        .flatExtracting(Provides::providers)
        .containsExactly(RabbitStoreProvider.class.getName());
  }

  @Test
  void findsAStateStoreBackendWithoutRequiringIt() throws Exception {
    ModuleLayer layer = ModuleCheck.layer("dev.baton.rabbitmq");

    // baton-jdbc is not required: service binding brings its providers in for the state store.
    assertThat(ModuleCheck.providers(layer, "dev.baton.spi.StoreProvider"))
        .contains(RabbitStoreProvider.class.getName(), "dev.baton.store.jdbc.SqliteStoreProvider");
  }
}
