package dev.baton.internal;

import dev.baton.LeasedTask;
import dev.baton.Outcome;
import dev.baton.SettleBatch;
import dev.baton.TaskStatus;
import dev.baton.spi.Settlement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A batch of settlements of pulled tasks. Each run's end is mapped when it is added (so a state
 * that is not JSON is refused there, with nothing taken); the tasks are taken with their
 * settle-once guard only when the batch applies, so a task settled meanwhile by its own method is
 * reported, not settled twice.
 */
final class PullBatch implements SettleBatch {
  private final Puller puller;
  private final List<PulledTask> tasks = new ArrayList<>();
  private final List<Worker.Done> ends = new ArrayList<>();
  private boolean applied;

  PullBatch(Puller puller) {
    this.puller = puller;
  }

  @Override
  public SettleBatch ack(LeasedTask task) {
    return complete(task, Outcome.success(null));
  }

  @Override
  public SettleBatch ack(LeasedTask task, Object result) {
    return complete(task, Outcome.success(result));
  }

  @Override
  public SettleBatch fail(LeasedTask task, String reason) {
    PulledTask pulled = ours(task);
    return add(pulled, pulled.failing(reason));
  }

  @Override
  public SettleBatch fail(LeasedTask task, Throwable error) {
    PulledTask pulled = ours(task);
    return add(pulled, pulled.failing(error));
  }

  @Override
  public SettleBatch fail(LeasedTask task, String reason, Duration retryAfter) {
    return complete(task, Outcome.retryAfter(retryAfter, Objects.requireNonNull(reason, "reason")));
  }

  @Override
  public SettleBatch failPermanently(LeasedTask task, String reason) {
    return complete(task, Outcome.fail(Objects.requireNonNull(reason, "reason")));
  }

  @Override
  public SettleBatch suspend(LeasedTask task, Duration after, Object state) {
    return complete(task, Outcome.suspend(after, state));
  }

  @Override
  public SettleBatch complete(LeasedTask task, Outcome outcome) {
    PulledTask pulled = ours(task);
    return add(pulled, pulled.ending(outcome));
  }

  @Override
  public SettleBatch release(LeasedTask task) {
    PulledTask pulled = ours(task);
    return add(pulled, pulled.releasing());
  }

  private PulledTask ours(LeasedTask task) {
    Objects.requireNonNull(task, "task");
    if (!(task instanceof PulledTask pulled) || pulled.puller() != puller) {
      throw new IllegalArgumentException(
          "task " + task.id() + " was not fetched from the instance this batch belongs to");
    }
    return pulled;
  }

  private SettleBatch add(PulledTask task, Function<Duration, Worker.Done> end) {
    if (applied) {
      throw new IllegalStateException("this batch was already applied; start a new one");
    }
    // Mapped now: a payload error is the caller's to see here, before anything is taken.
    ends.add(end.apply(task.ran()));
    tasks.add(task);
    return this;
  }

  @Override
  public List<Result> apply() {
    if (applied) {
      throw new IllegalStateException("this batch was already applied; start a new one");
    }
    applied = true;
    Result[] results = new Result[tasks.size()];
    List<PulledTask> taken = new ArrayList<>(tasks.size());
    List<Worker.Done> takenEnds = new ArrayList<>(tasks.size());
    List<Integer> at = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      PulledTask task = tasks.get(i);
      Verdict refused = task.take();
      if (refused != null) {
        results[i] = new Result(task.id(), refused, null);
      } else {
        taken.add(task);
        takenEnds.add(ends.get(i));
        at.add(i);
      }
    }
    if (!taken.isEmpty()) {
      List<Boolean> stored = puller.settleTaken(taken, takenEnds);
      for (int j = 0; j < taken.size(); j++) {
        boolean ok = stored.get(j);
        results[at.get(j)] =
            new Result(
                taken.get(j).id(),
                ok ? Verdict.APPLIED : Verdict.LEASE_LOST,
                ok ? status(takenEnds.get(j).settlement()) : null);
      }
    }
    return List.of(results);
  }

  private static TaskStatus status(Settlement settlement) {
    return switch (settlement) {
      case Settlement.Succeed s -> TaskStatus.SUCCEEDED;
      case Settlement.Fail f -> TaskStatus.FAILED;
      case Settlement.Retry r -> TaskStatus.QUEUED;
      case Settlement.Suspend s -> TaskStatus.SUSPENDED;
      case Settlement.Release r -> TaskStatus.QUEUED;
    };
  }
}
