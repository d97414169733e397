package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Tells other processes on the same database that tasks may be ready, so that their idle workers
 * look now instead of at their next poll. {@link #NONE} where the database has no way to.
 */
interface Signal extends AutoCloseable {
  Signal NONE =
      new Signal() {
        @Override
        public void publish() {}

        @Override
        public void close() {}
      };

  /** Tasks may be ready; returns at once, whatever the database does. */
  void publish();

  /**
   * Tasks may be ready once the caller's transaction on {@code connection} commits: where the
   * database can, the signal rides in that transaction. The default does nothing.
   */
  default void publishIn(Connection connection) throws SQLException {}

  /**
   * A claim in this process took {@code count} tasks. The default ignores it; a polling signal
   * polls more often while claims find work.
   */
  default void claimed(int count) {}

  /**
   * Whether other processes' commits reach this process's listeners without polling. The default is
   * false.
   */
  default boolean pushes() {
    return false;
  }

  @Override
  void close();
}
