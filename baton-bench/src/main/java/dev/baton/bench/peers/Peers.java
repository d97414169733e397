package dev.baton.bench.peers;

import java.util.List;

/** The peers by name. */
public final class Peers {
  /** Every peer the load tool knows, in the order it runs them. */
  public static final List<String> NAMES = List.of(DbSchedulerPeer.NAME, JobRunrPeer.NAME);

  private Peers() {}

  /**
   * Runs one peer's workload: a warm-up drain, a timed drain of {@link PeerOptions#tasks()}, then
   * idle samples.
   *
   * @param name a name from {@link #NAMES}
   * @param options what to run
   * @return what it measured
   * @throws IllegalArgumentException if the name is unknown
   * @throws IllegalStateException if the peer fails or a wait times out
   */
  public static PeerRun run(String name, PeerOptions options) {
    return switch (name) {
      case DbSchedulerPeer.NAME -> DbSchedulerPeer.run(options);
      case JobRunrPeer.NAME -> JobRunrPeer.run(options);
      default ->
          throw new IllegalArgumentException(
              "unknown peer '" + name + "'; use " + String.join(", ", NAMES));
    };
  }
}
