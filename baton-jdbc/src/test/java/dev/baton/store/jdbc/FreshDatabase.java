package dev.baton.store.jdbc;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Gives a test class a schema or database of its own on a {@link TestServer}, dropped after. */
abstract class FreshDatabase implements BeforeAllCallback, AfterAllCallback {
  private final TestServer server;

  FreshDatabase(TestServer server) {
    this.server = server;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server.create(context.getRequiredTestClass());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.drop(context.getRequiredTestClass());
  }

  static final class OnPostgres extends FreshDatabase {
    OnPostgres() {
      super(TestServer.POSTGRESQL);
    }
  }

  static final class OnMariaDb extends FreshDatabase {
    OnMariaDb() {
      super(TestServer.MARIADB);
    }
  }
}
