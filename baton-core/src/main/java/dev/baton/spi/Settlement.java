package dev.baton.spi;

import dev.baton.TaskError;
import java.time.Duration;
import java.util.Objects;

/**
 * How a run ended, as the engine hands it to {@link TaskStore#settle(java.util.List)}. Each
 * settlement applies only while the task is still RUNNING under the same lease (fencing): a
 * settlement from a lost lease changes nothing.
 */
public sealed interface Settlement
    permits Settlement.Succeed,
        Settlement.Fail,
        Settlement.Retry,
        Settlement.Suspend,
        Settlement.Release {

  /**
   * The lease this settlement ends.
   *
   * @return the task and claim token
   */
  Lease lease();

  /**
   * How long this run took; added to the task's execution time.
   *
   * @return the run time
   */
  Duration ran();

  /**
   * RUNNING to SUCCEEDED: store the result, set the finish time, drop the lease.
   *
   * @param lease the lease
   * @param result the result as JSON, or null
   * @param ran the run time
   */
  record Succeed(Lease lease, String result, Duration ran) implements Settlement {
    /** Checks the fields. @throws NullPointerException if lease or ran is null */
    public Succeed {
      Objects.requireNonNull(lease, "lease");
      Objects.requireNonNull(ran, "ran");
    }
  }

  /**
   * RUNNING to FAILED for good: append the error, set the finish time, drop the lease.
   *
   * @param lease the lease
   * @param error the failed attempt
   * @param ran the run time
   */
  record Fail(Lease lease, TaskError error, Duration ran) implements Settlement {
    /** Checks the fields. @throws NullPointerException if a field is null */
    public Fail {
      Objects.requireNonNull(lease, "lease");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(ran, "ran");
    }
  }

  /**
   * RUNNING to QUEUED after a failed attempt: append the error, set run-at to the store's now plus
   * {@code delay}, drop the lease. The attempt stays spent.
   *
   * @param lease the lease
   * @param delay the backoff before the next attempt
   * @param error the failed attempt
   * @param ran the run time
   */
  record Retry(Lease lease, Duration delay, TaskError error, Duration ran) implements Settlement {
    /** Checks the fields. @throws NullPointerException if a field is null */
    public Retry {
      Objects.requireNonNull(lease, "lease");
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(ran, "ran");
    }
  }

  /**
   * RUNNING to SUSPENDED: store the private state, set run-at to the store's now plus {@code
   * after}, give the attempt back (attempts minus one), drop the lease.
   *
   * @param lease the lease
   * @param after how long to wait
   * @param state the private state as JSON, or null to clear it
   * @param ran the run time
   */
  record Suspend(Lease lease, Duration after, String state, Duration ran) implements Settlement {
    /** Checks the fields. @throws NullPointerException if lease, after or ran is null */
    public Suspend {
      Objects.requireNonNull(lease, "lease");
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(ran, "ran");
    }
  }

  /**
   * RUNNING to QUEUED without spending an attempt (attempts minus one), ready now: what a graceful
   * shutdown does with runs it had to stop. Private state is kept.
   *
   * @param lease the lease
   * @param ran the run time
   */
  record Release(Lease lease, Duration ran) implements Settlement {
    /** Checks the fields. @throws NullPointerException if a field is null */
    public Release {
      Objects.requireNonNull(lease, "lease");
      Objects.requireNonNull(ran, "ran");
    }
  }
}
