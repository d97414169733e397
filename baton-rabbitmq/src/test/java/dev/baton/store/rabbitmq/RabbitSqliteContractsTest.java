package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.BadInputContract;
import dev.baton.testkit.CancelRetryContract;
import dev.baton.testkit.ConcurrencyContract;
import dev.baton.testkit.EngineContract;
import dev.baton.testkit.EngineLifecycleContract;
import dev.baton.testkit.EngineNodesContract;
import dev.baton.testkit.EngineOutcomeContract;
import dev.baton.testkit.EngineRetryPolicyContract;
import dev.baton.testkit.EnqueueContract;
import dev.baton.testkit.KvContract;
import dev.baton.testkit.LeaseContract;
import dev.baton.testkit.MigrationContract;
import dev.baton.testkit.PullContract;
import dev.baton.testkit.QueryContract;
import dev.baton.testkit.QueueContract;
import dev.baton.testkit.QueuePauseContract;
import dev.baton.testkit.RetentionContract;
import dev.baton.testkit.ScheduleContract;
import dev.baton.testkit.SettleContract;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend contract suite on RabbitMQ over a SQLite state store, in a vhost per nested class and
 * a fresh file per test: one {@link Nested} class per contract of {@code dev.baton.testkit}; a new
 * contract is one more nested class here.
 */
@RabbitTest
class RabbitSqliteContractsTest {
  @TempDir Path dir;

  @Nested
  class BadInput extends BadInputContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class CancelRetry extends CancelRetryContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class Concurrency extends ConcurrencyContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class Engine extends EngineContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class EngineLifecycle extends EngineLifecycleContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class EngineNodes extends EngineNodesContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class EngineOutcome extends EngineOutcomeContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class EngineRetryPolicy extends EngineRetryPolicyContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class Enqueue extends EnqueueContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class Kv extends KvContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class Lease extends LeaseContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class Migration extends MigrationContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class Pull extends PullContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class Query extends QueryContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class Queue extends QueueContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class QueuePause extends QueuePauseContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class Retention extends RetentionContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class Schedule extends ScheduleContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }

  @Nested
  class Settle extends SettleContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
    }
  }
}
