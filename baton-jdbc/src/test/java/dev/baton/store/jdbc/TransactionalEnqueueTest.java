package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Baton;
import dev.baton.TaskId;
import dev.baton.TaskType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox pattern: a task enqueued in the caller's transaction exists if and only if that
 * transaction commits, together with the caller's own row. A subclass per server.
 */
abstract class TransactionalEnqueueTest {
  record Receipt(int order) {}

  static final TaskType<Receipt> RECEIPT = TaskType.of("send-receipt", Receipt.class);

  private final TestServer server;
  private Baton baton;
  private Connection connection;

  TransactionalEnqueueTest(TestServer server) {
    this.server = server;
  }

  @BeforeEach
  void open() throws SQLException {
    String url = server.url(getClass(), "");
    baton = Baton.builder().backend(url).workers(0).register(RECEIPT).start();
    connection = DriverManager.getConnection(url);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS orders (id INT PRIMARY KEY)");
      statement.execute("DELETE FROM orders");
    }
    connection.setAutoCommit(false);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
    baton.close();
  }

  @Test
  void a_committed_transaction_keeps_the_order_and_its_task() throws SQLException {
    insertOrder(1);
    TaskId id =
        TransactionalEnqueue.in(connection, baton, b -> b.enqueue(RECEIPT, new Receipt(1)).id());

    assertThat(baton.backend().get(id)).as("not visible before the commit").isEmpty();
    connection.commit();

    assertThat(baton.backend().get(id)).isPresent();
    assertThat(orders()).isEqualTo(1);
  }

  @Test
  void a_rolled_back_transaction_leaves_neither() throws SQLException {
    insertOrder(2);
    TaskId id =
        TransactionalEnqueue.in(connection, baton, b -> b.enqueue(RECEIPT, new Receipt(2)).id());
    connection.rollback();

    assertThat(baton.backend().get(id)).isEmpty();
    assertThat(orders()).isZero();
    assertThat(baton.backend().get(baton.enqueue(RECEIPT, new Receipt(3)).id()))
        .as("enqueues outside the scope commit on their own again")
        .isPresent();
  }

  @Test
  void a_committed_task_runs_on_a_worker() throws SQLException {
    try (Baton worker =
        Baton.builder()
            .backend(server.url(getClass(), ""))
            .pollInterval(Duration.ofMillis(50))
            .handle(RECEIPT, (receipt, ctx) -> "sent " + receipt.order())
            .start()) {
      TaskId id =
          TransactionalEnqueue.in(connection, baton, b -> b.enqueue(RECEIPT, new Receipt(4)).id());
      connection.commit();

      assertThat(worker.task(id).await(Duration.ofSeconds(20))).isEqualTo("sent 4");
    }
  }

  @Test
  void an_auto_commit_connection_is_refused() throws SQLException {
    connection.setAutoCommit(true);

    assertThatThrownBy(
            () ->
                TransactionalEnqueue.in(connection, baton, b -> b.enqueue(RECEIPT, new Receipt(5))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("auto-commit");
  }

  private void insertOrder(int id) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders VALUES (?)")) {
      insert.setInt(1, id);
      insert.executeUpdate();
    }
  }

  private int orders() throws SQLException {
    try (Connection other = DriverManager.getConnection(server.url(getClass(), ""));
        Statement statement = other.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM orders")) {
      row.next();
      return row.getInt(1);
    }
  }
}
