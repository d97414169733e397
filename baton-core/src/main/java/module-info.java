/**
 * Baton's API, retry policies, schedules, task listeners, the backend SPI and the in-memory
 * backend. The engine ({@code dev.baton.internal}) is not exported: applications reach it only
 * through {@link dev.baton.Baton} and {@link dev.baton.BatonBuilder}.
 *
 * <p>Payload, result, state and key-value types are bound by Jackson: a module that keeps its task
 * types in a named module opens their package to {@code com.fasterxml.jackson.databind}.
 *
 * @uses dev.baton.spi.StoreProvider to find the backend for a URL
 * @provides dev.baton.spi.StoreProvider the {@code memory:} backend
 */
module dev.baton.core {
  // BatonBuilder.json(ObjectMapper) and TaskErrors' writer take Jackson types.
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.cronutils;
  requires org.slf4j;

  exports dev.baton;
  exports dev.baton.event;
  exports dev.baton.retry;
  exports dev.baton.schedule;
  exports dev.baton.spi;
  exports dev.baton.store.memory;

  uses dev.baton.spi.StoreProvider;

  provides dev.baton.spi.StoreProvider with
      dev.baton.store.memory.MemoryStoreProvider;
}
