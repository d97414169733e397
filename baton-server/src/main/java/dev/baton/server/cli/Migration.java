package dev.baton.server.cli;

import dev.baton.KeyValueStore;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.spi.BackendUrls;
import dev.baton.spi.KvEntry;
import dev.baton.spi.QueueCount;
import dev.baton.spi.TaskStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Copies tasks, schedules and key-value entries from one open store to another, then compares
 * counts. Running it again continues where it stopped: after each batch a cursor in the
 * destination's key-value store records the last source sequence copied, and a later run starts
 * after it; without the cursor (or with {@code restart}) it reads from the start and the
 * destination skips task ids it already has. Schedules are upserted by name and entries overwritten
 * by key.
 */
final class Migration {
  /** Node heartbeats belong to the nodes of the source; they expire there and are not copied. */
  static final String EPHEMERAL = KeyValueStore.RESERVED_PREFIX + "nodes/";

  /**
   * Cursors of migrations into a store; they describe that store, so they are not copied out of it.
   */
  static final String CURSORS = KeyValueStore.RESERVED_PREFIX + "migrate/";

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * @param batch tasks and entries per round trip
   * @param dryRun read and count only
   * @param maxTasks stop after this many tasks (0: no limit); a later run continues
   * @param restart ignore the cursor of an earlier run and read the source from the start
   * @param source the source's URL, which names the cursor (its hash; the URL is stored masked)
   */
  record Options(int batch, boolean dryRun, long maxTasks, boolean restart, String source) {}

  /** Counts on one side: tasks by status, schedules, and key-value entries by key. */
  record Counts(Map<TaskStatus, Long> tasks, long schedules, long kvEntries) {}

  /**
   * What a run did.
   *
   * @param total tasks in the source when the run began
   * @param scanned tasks read from the source
   * @param inserted tasks the destination did not have
   * @param skipped tasks the destination had already (an earlier run)
   * @param requeued RUNNING tasks that arrived QUEUED
   * @param schedules schedules upserted
   * @param kvEntries entries copied
   * @param resumedAfter the source sequence an earlier run's cursor let this one start after, or -1
   *     when it read from the start
   * @param complete false when stopped by {@link Options#maxTasks()}
   * @param source counts in the source at the end (RUNNING counted as QUEUED); for a dry run, at
   *     the start: what would be copied; null if stopped early
   * @param destination counts in the destination at the end, or null if not verified
   * @param mismatches what differs; empty when the copy checks out
   * @param warnings what the operator should know
   */
  record Result(
      long total,
      long scanned,
      long inserted,
      long skipped,
      long requeued,
      long schedules,
      long kvEntries,
      long resumedAfter,
      boolean complete,
      Counts source,
      Counts destination,
      List<String> mismatches,
      List<String> warnings) {}

  private final TaskStore from;
  private final TaskStore to;
  private final Options options;
  private final Consumer<String> warn;
  final AtomicLong done = new AtomicLong();
  volatile long total;

  /**
   * @param from the source
   * @param to the destination; null for a dry run, which must not open it (opening may create it)
   */
  Migration(TaskStore from, TaskStore to, Options options, Consumer<String> warn) {
    if (options.batch() < 1) {
      throw new IllegalArgumentException("--batch must be at least 1 but was " + options.batch());
    }
    if (to == null && !options.dryRun()) {
      throw new IllegalArgumentException("a migration that writes needs a destination");
    }
    this.from = from;
    this.to = to;
    this.options = options;
    this.warn = warn;
  }

  Result run() {
    List<String> warnings = new ArrayList<>();
    Consumer<String> note =
        text -> {
          warnings.add(text);
          warn.accept(text);
        };
    Counts before = count(from, true);
    total = before.tasks().values().stream().mapToLong(Long::longValue).sum();
    long running = runningIn(from);
    if (running > 0) {
      note.accept(
          running
              + " task(s) are RUNNING in the source: its workers may still be live. They arrive"
              + " QUEUED with their attempt spent; stop every node on the source for an exact copy.");
    }
    long schedules = copySchedules(note);
    long entries = copyKv();
    long scanned = 0;
    long inserted = 0;
    long skipped = 0;
    long requeued = 0;
    Cursor cursor = options.dryRun() || options.restart() ? null : readCursor();
    long after = cursor == null ? 0 : cursor.afterSequence();
    long earlier = cursor == null ? 0 : cursor.copied();
    done.set(earlier);
    boolean complete = true;
    while (true) {
      int want = options.batch();
      if (options.maxTasks() > 0) {
        long left = options.maxTasks() - scanned;
        if (left <= 0) {
          complete = from.scan(after, 1).isEmpty();
          break;
        }
        want = (int) Math.min(want, left);
      }
      List<TaskRecord> page = from.scan(after, want);
      if (page.isEmpty()) {
        break;
      }
      for (TaskRecord task : page) {
        if (task.status() == TaskStatus.RUNNING) {
          requeued++;
        }
      }
      if (!options.dryRun()) {
        for (boolean created : to.restore(page)) {
          if (created) {
            inserted++;
          } else {
            skipped++;
          }
        }
      }
      scanned += page.size();
      after = page.get(page.size() - 1).sequence();
      done.set(earlier + scanned);
      if (!options.dryRun()) {
        writeCursor(
            new Cursor(
                BackendUrls.mask(options.source()), after, earlier + scanned, Instant.now()));
      }
      if (page.size() < want) {
        break;
      }
    }
    long resumedAfter = cursor == null ? -1 : cursor.afterSequence();
    if (options.dryRun()) {
      return new Result(
          total,
          scanned,
          inserted,
          skipped,
          requeued,
          schedules,
          entries,
          resumedAfter,
          complete,
          before,
          null,
          List.of(),
          List.copyOf(warnings));
    }
    if (!complete) {
      return new Result(
          total,
          scanned,
          inserted,
          skipped,
          requeued,
          schedules,
          entries,
          resumedAfter,
          complete,
          null,
          null,
          List.of(),
          List.copyOf(warnings));
    }
    Counts source = count(from, true);
    Counts destination = count(to, false);
    return new Result(
        total,
        scanned,
        inserted,
        skipped,
        requeued,
        schedules,
        entries,
        resumedAfter,
        true,
        source,
        destination,
        compare(source, destination),
        List.copyOf(warnings));
  }

  /**
   * Where an earlier run into this destination from this source stopped.
   *
   * @param source the source URL, masked
   * @param afterSequence the last source sequence copied
   * @param copied tasks read from the source so far, over all runs
   * @param at when it was written
   */
  record Cursor(String source, long afterSequence, long copied, Instant at) {}

  private String cursorKey() {
    try {
      byte[] hash =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(options.source().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return CURSORS + java.util.HexFormat.of().formatHex(hash, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Cursor readCursor() {
    if (!to.capabilities().keyValue()) {
      return null;
    }
    return to.kv()
        .get(cursorKey())
        .map(
            json -> {
              try {
                var n = JSON.readTree(json);
                return new Cursor(
                    n.path("source").asText(),
                    n.path("afterSequence").asLong(),
                    n.path("copied").asLong(),
                    Instant.parse(n.path("at").asText()));
              } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
                warn.accept(
                    "ignoring an unreadable migration cursor in the destination; reading the source from the start");
                return null;
              }
            })
        .orElse(null);
  }

  private void writeCursor(Cursor cursor) {
    if (!to.capabilities().keyValue()) {
      return;
    }
    var n =
        JSON.createObjectNode()
            .put("source", cursor.source())
            .put("afterSequence", cursor.afterSequence())
            .put("copied", cursor.copied())
            .put("at", cursor.at().toString());
    to.kv().set(cursorKey(), n.toString(), null);
  }

  /** Heartbeats and migration cursors describe their own store: neither copied nor counted. */
  private static boolean local(String key) {
    return key.startsWith(EPHEMERAL) || key.startsWith(CURSORS);
  }

  private long copySchedules(Consumer<String> note) {
    if (!from.capabilities().schedules()) {
      return 0;
    }
    if (options.dryRun()) {
      return from.schedules().list(false).size();
    }
    if (!to.capabilities().schedules()) {
      List<ScheduleRecord> lost = from.schedules().list(false);
      if (!lost.isEmpty()) {
        note.accept(
            "the destination cannot store schedules: " + lost.size() + " schedule(s) not copied");
      }
      return 0;
    }
    long n = 0;
    for (ScheduleRecord schedule : from.schedules().list(false)) {
      if (!options.dryRun()) {
        to.schedules().upsert(schedule);
      }
      n++;
    }
    return n;
  }

  private long copyKv() {
    if (!from.capabilities().keyValue() || (!options.dryRun() && !to.capabilities().keyValue())) {
      return 0;
    }
    long n = 0;
    String after = null;
    while (true) {
      List<KvEntry> page = from.kv().scan(after, options.batch());
      for (KvEntry entry : page) {
        if (local(entry.key())) {
          continue;
        }
        if (!options.dryRun()) {
          to.kv().set(entry.key(), entry.json(), entry.expiresAt());
        }
        n++;
      }
      if (page.size() < options.batch()) {
        return n;
      }
      after = page.get(page.size() - 1).key();
    }
  }

  private static long runningIn(TaskStore store) {
    if (store.capabilities().listing()) {
      return store.counts().stream()
          .filter(c -> c.status() == TaskStatus.RUNNING)
          .mapToLong(QueueCount::count)
          .sum();
    }
    return 0;
  }

  /** Counts by listing where the backend can, else by a full scan. */
  private Counts count(TaskStore store, boolean asMigrated) {
    Map<TaskStatus, Long> tasks = new EnumMap<>(TaskStatus.class);
    if (store.capabilities().listing()) {
      for (QueueCount c : store.counts()) {
        tasks.merge(migrated(c.status(), asMigrated), c.count(), Long::sum);
      }
    } else {
      long after = 0;
      while (true) {
        List<TaskRecord> page = store.scan(after, 1000);
        page.forEach(t -> tasks.merge(migrated(t.status(), asMigrated), 1L, Long::sum));
        if (page.size() < 1000) {
          break;
        }
        after = page.get(page.size() - 1).sequence();
      }
    }
    long schedules = store.capabilities().schedules() ? store.schedules().list(false).size() : 0;
    return new Counts(tasks, schedules, kvKeys(store).size());
  }

  private static TaskStatus migrated(TaskStatus status, boolean asMigrated) {
    return asMigrated && status == TaskStatus.RUNNING ? TaskStatus.QUEUED : status;
  }

  private Set<String> kvKeys(TaskStore store) {
    Set<String> keys = new HashSet<>();
    if (!store.capabilities().keyValue()) {
      return keys;
    }
    for (String key : store.kv().keys("")) {
      if (!local(key)) {
        keys.add(key);
      }
    }
    return keys;
  }

  private List<String> compare(Counts source, Counts destination) {
    List<String> mismatches = new ArrayList<>();
    Set<TaskStatus> statuses = new TreeSet<>(source.tasks().keySet());
    statuses.addAll(destination.tasks().keySet());
    for (TaskStatus status : statuses) {
      long s = source.tasks().getOrDefault(status, 0L);
      long d = destination.tasks().getOrDefault(status, 0L);
      if (s != d) {
        mismatches.add("tasks " + status + ": source " + s + ", destination " + d);
      }
    }
    boolean schedulesComparable = from.capabilities().schedules() && to.capabilities().schedules();
    if (schedulesComparable && source.schedules() != destination.schedules()) {
      mismatches.add(
          "schedules: source " + source.schedules() + ", destination " + destination.schedules());
    }
    boolean kvComparable = from.capabilities().keyValue() && to.capabilities().keyValue();
    if (kvComparable) {
      Set<String> missing = kvKeys(from);
      missing.removeAll(kvKeys(to));
      if (!missing.isEmpty() || source.kvEntries() != destination.kvEntries()) {
        mismatches.add(
            "key-value entries: source "
                + source.kvEntries()
                + ", destination "
                + destination.kvEntries()
                + (missing.isEmpty() ? "" : ", missing " + new TreeSet<>(missing)));
      }
    }
    return mismatches;
  }

  static Map<String, Long> byName(Map<TaskStatus, Long> counts) {
    Map<String, Long> named = new TreeMap<>();
    counts.forEach((status, n) -> named.put(status.name(), n));
    return named;
  }
}
