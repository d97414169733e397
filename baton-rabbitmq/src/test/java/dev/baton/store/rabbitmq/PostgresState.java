package dev.baton.store.rabbitmq;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class whose state store is the PostgreSQL test server, in a schema of its own made before
 * the class and dropped after; {@link PostgresSchemas#emptyUrl(Class)} empties Baton's tables for
 * each test, as a fresh SQLite file would be.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("postgresql")
@ExtendWith(PostgresState.FreshSchema.class)
@interface PostgresState {
  /** Makes the class's schema before it and drops it after. */
  final class FreshSchema implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      String name =
          Broker.nestedName(context.getRequiredTestClass())
              .toLowerCase()
              .replaceAll("[^a-z0-9_]", "");
      String schema =
          "t_rmq_"
              + name.substring(0, Math.min(40, name.length()))
              + "_"
              + UUID.randomUUID().toString().substring(0, 8);
      PostgresSchemas.execute("CREATE SCHEMA " + schema);
      PostgresSchemas.SCHEMAS.put(context.getRequiredTestClass(), schema);
    }

    @Override
    public void afterAll(ExtensionContext context) {
      String schema = PostgresSchemas.SCHEMAS.remove(context.getRequiredTestClass());
      if (schema != null) {
        PostgresSchemas.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
