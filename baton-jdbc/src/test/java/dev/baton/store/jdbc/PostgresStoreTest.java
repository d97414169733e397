package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import dev.baton.testkit.Awaits;
import dev.baton.testkit.TestTasks;
import java.sql.Connection;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@PostgresTest
class PostgresStoreTest extends ServerStoreTest {
  PostgresStoreTest() {
    super(TestServer.POSTGRESQL, new PostgresDialect());
  }

  @Test
  void an_enqueue_on_one_node_wakes_the_other_through_notify_even_after_its_listener_dropped()
      throws Exception {
    String url = TestServer.POSTGRESQL.url(getClass(), "");
    StoreContext context = new StoreContext(InstantSource.system());
    try (TaskStore producer = StoreProviders.open(url, context);
        TaskStore worker = StoreProviders.open(url, context)) {
      assertThat(worker.capabilities().wakeups()).isTrue();
      AtomicInteger woken = new AtomicInteger();
      worker.addWakeListener(woken::incrementAndGet);
      Awaits.await().alias("the listener to connect").until(() -> listeners() >= 2);

      int before = woken.get();
      producer.enqueue(List.of(TestTasks.newTask("wake-1").build()));
      Awaits.await().alias("the worker to hear the enqueue").until(() -> woken.get() > before);

      int beforeDrop = woken.get();
      try (Connection admin = TestServer.POSTGRESQL.admin();
          Statement statement = admin.createStatement()) {
        statement.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = 'baton-listen' AND datname = 'baton'");
      }
      // A reconnected listener wakes its workers once, for the notifications it may have missed.
      Awaits.await()
          .alias("the worker's listener to reconnect")
          .until(() -> woken.get() > beforeDrop);
      int afterReconnect = woken.get();
      producer.enqueue(List.of(TestTasks.newTask("wake-2").build()));
      Awaits.await()
          .alias("the worker to hear the next enqueue")
          .until(() -> woken.get() > afterReconnect);
    }
  }

  private static int listeners() throws Exception {
    try (Connection admin = TestServer.POSTGRESQL.admin();
        Statement statement = admin.createStatement();
        var row =
            statement.executeQuery(
                "SELECT COUNT(*) FROM pg_stat_activity"
                    + " WHERE application_name = 'baton-listen' AND query LIKE 'LISTEN%'")) {
      row.next();
      return row.getInt(1);
    }
  }
}
