package dev.baton.store.redis;

import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Redis deployments that {@code ./scripts/services start redis} runs for tests. Each test class
 * gets a key prefix of its own, emptied before each test, as the SQL tests get a schema: classes
 * never see each other's keys, even on a shared server. A server that does not answer fails the
 * test with the command that starts it.
 */
enum TestRedis {
  STANDALONE("redis://127.0.0.1:" + port("BATON_REDIS_PORT", 56379)),
  CLUSTER("redis-cluster://127.0.0.1:57001,127.0.0.1:57002,127.0.0.1:57003"),
  SENTINEL("redis-sentinel://127.0.0.1:56390,127.0.0.1:56391,127.0.0.1:56392/baton"),
  TLS("rediss://127.0.0.1:56443");

  /** The folder the services script keeps Redis's data in, from the module's folder. */
  static final Path SERVICES =
      Path.of("..", ".baton", "services", "redis").toAbsolutePath().normalize();

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final Map<Class<?>, TestRedis> USED = new ConcurrentHashMap<>();

  private final String base;

  TestRedis(String base) {
    this.base = base;
  }

  private static int port(String variable, int fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
  }

  /** The backend URL for a prefix, with any options. */
  String url(String prefix, String options) {
    String url = base + "?prefix=" + prefix;
    if (this == TLS) {
      url += "&ca=" + SERVICES.resolve("tls").resolve("ca.crt");
    }
    return options.isEmpty() ? url : url + "&" + options;
  }

  /** The server's own URL, without Baton's options; for a plain client next to the store. */
  String address() {
    return base;
  }

  /** The prefix of a test class in this run; a nested class's includes its enclosing class's. */
  static String prefix(Class<?> testClass) {
    return "test-"
        + RUN
        + "-"
        + testClass.getName().substring(testClass.getPackageName().length() + 1).replace('$', '.');
  }

  /**
   * Opens a store on the class's prefix on the caller's clock, emptied of tasks, entries,
   * schedules.
   */
  TaskStore openEmpty(Class<?> testClass, InstantSource clock) {
    USED.put(testClass, this);
    TaskStore store;
    try {
      store =
          StoreProviders.open(
              url(prefix(testClass), "baton.clock=caller"), new StoreContext(clock));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Redis "
              + name().toLowerCase()
              + " is not reachable at "
              + base
              + " ("
              + e.getMessage()
              + "). Start the test servers with ./scripts/services start redis",
          e);
    }
    empty(store);
    return store;
  }

  private static void empty(TaskStore store) {
    store.clear();
    store.kv().clear();
    store.schedules().list(false).forEach(s -> store.schedules().delete(s.name()));
  }

  /** Leaves no tasks, entries or schedules of a finished test class on the shared servers. */
  static final class CleanUp implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
      TestRedis server = USED.remove(context.getRequiredTestClass());
      if (server != null) {
        try (TaskStore store =
            StoreProviders.open(
                server.url(prefix(context.getRequiredTestClass()), ""),
                new StoreContext(InstantSource.system()))) {
          empty(store);
        }
      }
    }
  }
}
