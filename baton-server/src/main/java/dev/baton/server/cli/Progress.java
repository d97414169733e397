package dev.baton.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** A one-line live progress display, rewritten in place with carriage returns. */
final class Progress {
  private static final long PERIOD_MS = 100;

  private final PrintWriter err;
  private final IntSupplier done;
  private final int total;
  private final long begin = System.nanoTime();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("baton-progress").factory());
  private int width;

  private Progress(PrintWriter err, IntSupplier done, int total) {
    this.err = err;
    this.done = done;
    this.total = total;
  }

  static Progress start(PrintWriter err, IntSupplier done, int total) {
    Progress progress = new Progress(err, done, total);
    progress.ticker.scheduleAtFixedRate(progress::draw, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    return progress;
  }

  /** Draws the final state and ends the line. */
  void stop() {
    ticker.shutdown();
    try {
      ticker.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    draw();
    err.println();
    err.flush();
  }

  private synchronized void draw() {
    int now = done.getAsInt();
    double seconds = (System.nanoTime() - begin) / 1e9;
    String line =
        String.format(
            "  %,d/%,d done   %,.0f tasks/s   %.1f s",
            now, total, seconds > 0 ? now / seconds : 0.0, seconds);
    // Pad over the previous, possibly longer, line.
    err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
    err.flush();
    width = line.length();
  }
}
