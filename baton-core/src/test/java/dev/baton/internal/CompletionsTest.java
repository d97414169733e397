package dev.baton.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.TaskId;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CompletionsTest {
  private final Completions completions = new Completions();
  private final TaskId id = TaskId.of("t-1");

  @Test
  void a_watcher_that_gives_up_leaves_the_other_watchers_signal_in_place() {
    CompletableFuture<Void> patient = completions.watch(id);
    CompletableFuture<Void> hasty = completions.watch(id);
    completions.unwatch(id, hasty); // its await timed out

    completions.done(id);

    assertThat(patient).isCompleted();
    assertThat(hasty).isNotCompleted();
  }

  @Test
  void a_watch_taken_again_after_a_poll_is_woken_with_the_first_watcher() {
    CompletableFuture<Void> first = completions.watch(id);
    CompletableFuture<Void> second = completions.watch(id);
    completions.unwatch(id, second);
    CompletableFuture<Void> secondAgain = completions.watch(id);

    completions.done(id);

    assertThat(first).isCompleted();
    assertThat(secondAgain).isCompleted();
  }

  @Test
  void done_wakes_nothing_once_every_watcher_left() {
    CompletableFuture<Void> only = completions.watch(id);
    completions.unwatch(id, only);
    completions.done(id);
    assertThat(only).isNotCompleted();
    // A later watch starts afresh rather than finding a stale signal.
    assertThat(completions.watch(id)).isNotCompleted();
  }
}
