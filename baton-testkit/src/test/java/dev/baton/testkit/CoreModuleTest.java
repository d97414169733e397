package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.ITERABLE;
import static org.assertj.core.groups.Tuple.tuple;

import dev.baton.Baton;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Provides;
import java.lang.module.ModuleDescriptor.Requires;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * baton-core's module-info. It is checked here rather than in baton-core, whose tests cannot use
 * the testkit that depends on it.
 */
class CoreModuleTest {
  private final ModuleDescriptor core = ModuleCheck.descriptor(Baton.class);

  @Test
  void exportsTheApiAndTheSpiButNotTheEngine() {
    assertThat(core.name()).isEqualTo("dev.baton.core");
    assertThat(core.exports())
        .allMatch(e -> !e.isQualified())
        .extracting(Exports::source)
        .containsExactlyInAnyOrder(
            "dev.baton",
            "dev.baton.event",
            "dev.baton.retry",
            "dev.baton.schedule",
            "dev.baton.spi",
            "dev.baton.store.memory");
    assertThat(core.packages()).contains("dev.baton.internal");
    assertThat(core.opens()).isEmpty();
  }

  @Test
  void passesJacksonOnBecauseTheBuilderTakesAnObjectMapper() {
    assertThat(core.requires())
        .filteredOn(r -> r.name().equals("com.fasterxml.jackson.databind"))
        .singleElement()
        .extracting(Requires::modifiers)
        .asInstanceOf(ITERABLE)
        .contains(Requires.Modifier.TRANSITIVE);
  }

  @Test
  void findsBackendsAndOffersTheMemoryOne() throws Exception {
    assertThat(core.uses()).containsExactly("dev.baton.spi.StoreProvider");
    assertThat(core.provides())
        .extracting(Provides::service, Provides::providers)
        .containsExactly(
            tuple(
                "dev.baton.spi.StoreProvider",
                List.of("dev.baton.store.memory.MemoryStoreProvider")));

    ModuleLayer layer = ModuleCheck.layer("dev.baton.core");
    assertThat(ModuleCheck.providers(layer, "dev.baton.spi.StoreProvider"))
        .containsExactly("dev.baton.store.memory.MemoryStoreProvider");
  }
}
