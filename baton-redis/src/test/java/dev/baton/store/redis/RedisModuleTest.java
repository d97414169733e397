package dev.baton.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testkit.ModuleCheck;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Provides;
import org.junit.jupiter.api.Test;

/** baton-redis's module-info, and the module graph it makes on a module path. */
class RedisModuleTest {
  private final ModuleDescriptor redis = ModuleCheck.descriptor(RedisStoreProvider.class);

  @Test
  void exportsNothingAndProvidesTheBackend() {
    assertThat(redis.name()).isEqualTo("dev.baton.redis");
    assertThat(redis.exports()).isEmpty();
    assertThat(redis.opens()).isEmpty();
    assertThat(redis.provides())
        .flatExtracting(Provides::providers)
        .containsExactly(RedisStoreProvider.class.getName());
  }

  @Test
  void resolvesWithLettuceAndNetty() throws Exception {
    ModuleLayer layer = ModuleCheck.layer("dev.baton.redis");

    assertThat(ModuleCheck.providers(layer, "dev.baton.spi.StoreProvider"))
        .containsExactly(
            "dev.baton.store.memory.MemoryStoreProvider", RedisStoreProvider.class.getName());
    // Netty's epoll transport is found by name at run time: it must be in the graph.
    assertThat(layer.findModule("io.netty.transport.classes.epoll")).isPresent();
  }
}
