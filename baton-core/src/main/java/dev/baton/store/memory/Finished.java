package dev.baton.store.memory;

/**
 * The terminal entries in finish order, oldest first, linked through the entries themselves: an
 * entry joins when it finishes and leaves when it is retried or purged, in O(1) with no node of its
 * own, so purging the oldest never scans the live ones.
 */
final class Finished {
  private StoredTask oldest;
  private StoredTask newest;

  /** Appends an entry that just finished; its finish time must be set. */
  void add(StoredTask entry) {
    StoredTask before = newest;
    // Finish times come from one clock and so arrive in order, unless the clock was set back:
    // then walk back to keep the list sorted and purges exact.
    while (before != null && before.finishedAt.isAfter(entry.finishedAt)) {
      before = before.finishedPrev;
    }
    StoredTask after = before == null ? oldest : before.finishedNext;
    entry.finishedPrev = before;
    entry.finishedNext = after;
    if (before == null) {
      oldest = entry;
    } else {
      before.finishedNext = entry;
    }
    if (after == null) {
      newest = entry;
    } else {
      after.finishedPrev = entry;
    }
  }

  void remove(StoredTask entry) {
    if (entry.finishedPrev == null) {
      oldest = entry.finishedNext;
    } else {
      entry.finishedPrev.finishedNext = entry.finishedNext;
    }
    if (entry.finishedNext == null) {
      newest = entry.finishedPrev;
    } else {
      entry.finishedNext.finishedPrev = entry.finishedPrev;
    }
    entry.finishedPrev = null;
    entry.finishedNext = null;
  }

  /** The entry that finished first, or null. */
  StoredTask oldest() {
    return oldest;
  }

  void clear() {
    oldest = null;
    newest = null;
  }
}
