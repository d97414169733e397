package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.KvContract;
import dev.baton.testkit.QueueContract;
import dev.baton.testkit.ScheduleContract;
import dev.baton.testkit.SettleContract;
import java.time.InstantSource;
import org.junit.jupiter.api.Nested;

/**
 * The backend contract suite on Redis over TLS (the contracts the connection touches), under a key
 * prefix per nested class: one {@link Nested} class per contract of {@code dev.baton.testkit}; a
 * new contract is one more nested class here.
 */
@RedisTest
class RedisTlsContractsTest {
  @Nested
  class Kv extends KvContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return TestRedis.TLS.openEmpty(getClass(), clock);
    }
  }

  @Nested
  class Queue extends QueueContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return TestRedis.TLS.openEmpty(getClass(), clock);
    }
  }

  @Nested
  class Schedule extends ScheduleContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return TestRedis.TLS.openEmpty(getClass(), clock);
    }
  }

  @Nested
  class Settle extends SettleContract {
    @Override
    protected TaskStore openStore(InstantSource clock) {
      return TestRedis.TLS.openEmpty(getClass(), clock);
    }
  }
}
