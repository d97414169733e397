package dev.baton.internal;

import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.event.TaskListener;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to every listener; a listener that throws is logged and skipped. */
final class Listeners implements TaskListener {
  private static final Logger log = LoggerFactory.getLogger(Listeners.class);
  private final List<TaskListener> listeners;

  Listeners(List<TaskListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private void each(Consumer<TaskListener> call) {
    for (TaskListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        log.warn("Task listener {} threw; ignoring", listener.getClass().getName(), e);
      }
    }
  }

  boolean isEmpty() {
    return listeners.isEmpty();
  }

  @Override
  public void enqueued(String type, String queue, int count) {
    if (!listeners.isEmpty()) {
      each(l -> l.enqueued(type, queue, count));
    }
  }

  @Override
  public void started(TaskRecord task) {
    if (!listeners.isEmpty()) {
      each(l -> l.started(task));
    }
  }

  @Override
  public void finished(TaskRecord task, RunEnd end, Duration ran) {
    if (!listeners.isEmpty()) {
      each(l -> l.finished(task, end, ran));
    }
  }

  @Override
  public void timedOut(TaskRecord task, Duration limit) {
    each(l -> l.timedOut(task, limit));
  }

  @Override
  public void leasesExpired(List<TaskId> ids) {
    each(l -> l.leasesExpired(ids));
  }

  @Override
  public void scheduleTicks(dev.baton.schedule.ScheduleRecord schedule, int fired, int skipped) {
    each(l -> l.scheduleTicks(schedule, fired, skipped));
  }

  @Override
  public void backgroundError(String where, Throwable error) {
    each(l -> l.backgroundError(where, error));
  }
}
