package dev.baton.store.memory;

import dev.baton.TaskId;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every entry of the store by id, and in insertion (sequence) order; guarded by the store's lock.
 *
 * <p>An open-addressing table with linear probing instead of a {@code LinkedHashMap}: the ids'
 * hashes sit in an {@code int[]} next to the entries, so a probe compares ints in one cache line
 * and dereferences an entry only when its hash matches, growing copies the two arrays without
 * touching a single entry, and no node object is made per task (one fewer object for the young
 * collector to copy for every retained task). Insertion order is a list linked through the entries
 * themselves, as {@link Finished} is. Removal shifts the following run of the cluster back, so no
 * tombstones accumulate.
 */
final class TaskIndex {
  private static final int INITIAL_CAPACITY = 64;

  /**
   * Far longer than linear probing at half load gives by chance (the longest cluster of a table of
   * millions stays under a hundred slots), far shorter than a scan of a large table.
   */
  private static final int LONG_PROBE = 256;

  private final long seed = ThreadLocalRandom.current().nextLong();
  private boolean seeded;

  /** Mixed id hashes, 0 for an empty slot. */
  private int[] hashes;

  private StoredTask[] entries;
  private int mask;
  private int size;
  private StoredTask oldest;
  private StoredTask newest;

  TaskIndex() {
    allocate(INITIAL_CAPACITY);
  }

  private void allocate(int capacity) {
    hashes = new int[capacity];
    entries = new StoredTask[capacity];
    mask = capacity - 1;
  }

  /**
   * A well-spread, never-zero hash (zero marks an empty slot). Normally from {@code
   * String.hashCode}, which is fast and cached in the string. But ids come from callers, and sets
   * of strings with one {@code String.hashCode} are easy to make; they would turn every insert into
   * a scan of one growing cluster ({@code HashMap} guards against that by turning long chains into
   * trees). So after the first very long probe the index hashes the characters from a seed of its
   * own instead, which nobody outside knows.
   */
  int hash(TaskId id) {
    String value = id.value();
    int spread;
    if (seeded) {
      long h = seed;
      for (int i = 0; i < value.length(); i++) {
        h = (h ^ value.charAt(i)) * 0x100000001B3L;
      }
      h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
      spread = (int) (h ^ (h >>> 32));
    } else {
      spread = value.hashCode() * 0x9E3779B9;
      spread ^= spread >>> 16;
    }
    return spread == 0 ? 1 : spread;
  }

  int size() {
    return size;
  }

  /** The entry with this id, or null. */
  StoredTask get(TaskId id) {
    int h = hash(id);
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int found = hashes[i];
      if (found == 0) {
        return null;
      }
      if (found == h && entries[i].id.equals(id)) {
        return entries[i];
      }
    }
  }

  /**
   * Adds an entry as the newest unless its id is taken: one probe both checks and inserts.
   *
   * @return false if an entry with the same id was already there (nothing changed)
   */
  boolean add(StoredTask entry) {
    if (size + 1 > (mask + 1) >> 1) {
      grow();
    }
    int h = hash(entry.id);
    int i = h & mask;
    int probes = 0;
    for (int found; (found = hashes[i]) != 0; i = (i + 1) & mask) {
      if (found == h && entries[i].id.equals(entry.id)) {
        return false;
      }
      if (++probes == LONG_PROBE && !seeded) {
        seeded = true;
        rebuild(hashes.length, true);
        return add(entry);
      }
    }
    hashes[i] = h;
    entries[i] = entry;
    size++;
    entry.olderAdded = newest;
    entry.newerAdded = null;
    if (newest == null) {
      oldest = entry;
    } else {
      newest.newerAdded = entry;
    }
    newest = entry;
    return true;
  }

  private void grow() {
    rebuild(hashes.length << 1, false);
  }

  /** Re-places every entry in a table of this capacity; {@code rehash} after the hash changed. */
  private void rebuild(int capacity, boolean rehash) {
    int[] oldHashes = hashes;
    StoredTask[] oldEntries = entries;
    allocate(capacity);
    for (int j = 0; j < oldHashes.length; j++) {
      int h = oldHashes[j];
      if (h != 0) {
        if (rehash) {
          h = hash(oldEntries[j].id);
        }
        int i = h & mask;
        while (hashes[i] != 0) {
          i = (i + 1) & mask;
        }
        hashes[i] = h;
        entries[i] = oldEntries[j];
      }
    }
  }

  /** Removes an entry that is in the index. */
  void remove(StoredTask entry) {
    int i = hash(entry.id) & mask;
    while (entries[i] != entry) {
      if (hashes[i] == 0) {
        throw new IllegalStateException("task " + entry.id + " is not in the index");
      }
      i = (i + 1) & mask;
    }
    // Backward shift: move each later member of the cluster into the hole unless its home slot
    // lies cyclically after the hole (then moving it would put it before its home).
    for (int j = (i + 1) & mask; hashes[j] != 0; j = (j + 1) & mask) {
      int home = hashes[j] & mask;
      boolean stays = i <= j ? i < home && home <= j : i < home || home <= j;
      if (!stays) {
        hashes[i] = hashes[j];
        entries[i] = entries[j];
        i = j;
      }
    }
    hashes[i] = 0;
    entries[i] = null;
    size--;
    if (entry.olderAdded == null) {
      oldest = entry.newerAdded;
    } else {
      entry.olderAdded.newerAdded = entry.newerAdded;
    }
    if (entry.newerAdded == null) {
      newest = entry.olderAdded;
    } else {
      entry.newerAdded.olderAdded = entry.olderAdded;
    }
    entry.olderAdded = null;
    entry.newerAdded = null;
  }

  void clear() {
    allocate(INITIAL_CAPACITY);
    size = 0;
    oldest = null;
    newest = null;
  }

  /** The entries oldest first; the index must not change while it is walked. */
  Iterable<StoredTask> oldestFirst() {
    return () -> new Walk(oldest, false);
  }

  /** The entries newest first; the index must not change while it is walked. */
  Iterable<StoredTask> newestFirst() {
    return () -> new Walk(newest, true);
  }

  private static final class Walk implements Iterator<StoredTask> {
    private StoredTask next;
    private final boolean backwards;

    Walk(StoredTask first, boolean backwards) {
      this.next = first;
      this.backwards = backwards;
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public StoredTask next() {
      StoredTask current = next;
      if (current == null) {
        throw new NoSuchElementException();
      }
      next = backwards ? current.olderAdded : current.newerAdded;
      return current;
    }
  }
}
