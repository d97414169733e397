package dev.baton.internal;

import dev.baton.AwaitTimeoutException;
import dev.baton.BatonException;
import dev.baton.TaskFailedException;
import dev.baton.TaskHandle;
import dev.baton.TaskId;
import dev.baton.TaskNotFoundException;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A task handle; completions in this process wake it, others are polled with growing gaps. */
record Handle(TaskId id, TaskStore store, Completions completions, Json json)
    implements TaskHandle {
  private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long MAX_POLL_NANOS = TimeUnit.SECONDS.toNanos(1);

  @Override
  public Optional<TaskRecord> get() {
    return store.get(id);
  }

  @Override
  public TaskRecord awaitDone(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long poll = FIRST_POLL_NANOS;
    while (true) {
      CompletableFuture<Void> done = completions.watch(id);
      try {
        TaskRecord task = store.get(id).orElseThrow(() -> new TaskNotFoundException(id));
        if (task.status().isTerminal()) {
          return task;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AwaitTimeoutException(id, timeout, task.status());
        }
        done.get(Math.min(left, poll), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        poll = Math.min(poll * 2, MAX_POLL_NANOS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BatonException("Interrupted while awaiting task " + id, e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      } finally {
        completions.unwatch(id, done);
      }
    }
  }

  @Override
  public Object await(Duration timeout) {
    return await(timeout, Object.class);
  }

  @Override
  public <R> R await(Duration timeout, Class<R> resultType) {
    TaskRecord task = awaitDone(timeout);
    if (task.status() != TaskStatus.SUCCEEDED) {
      throw new TaskFailedException(task);
    }
    return task.result() == null ? null : json.read(task.result(), resultType, "result");
  }
}
