package dev.baton.spi;

/**
 * What a backend can do. The engine and the contract suite consult these flags instead of calling
 * methods that would half work. Build one with {@link #builder()}, which names each flag, rather
 * than the canonical constructor, whose six booleans are positional.
 *
 * @param durable tasks survive a restart of the process and of the backend
 * @param callerClock the store reads time from {@link StoreContext#clock()}, so a manual clock
 *     drives delays and leases; false when it uses its own clock (a database's {@code now()})
 * @param wakeups the store calls its wake listeners when tasks become ready through another
 *     process, so idle workers need no polling to see them
 * @param listing {@link TaskStore#list(TaskQuery)} and {@link TaskStore#counts()} are supported
 * @param schedules {@link TaskStore#schedules()} is supported
 * @param keyValue {@link TaskStore#kv()} is supported
 */
public record Capabilities(
    boolean durable,
    boolean callerClock,
    boolean wakeups,
    boolean listing,
    boolean schedules,
    boolean keyValue) {

  /**
   * A builder with every flag off.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from these flags, to change a few of them.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.durable = durable;
    b.callerClock = callerClock;
    b.wakeups = wakeups;
    b.listing = listing;
    b.schedules = schedules;
    b.keyValue = keyValue;
    return b;
  }

  /** Sets flags by name; a flag left unset is off. */
  public static final class Builder {
    private boolean durable;
    private boolean callerClock;
    private boolean wakeups;
    private boolean listing;
    private boolean schedules;
    private boolean keyValue;

    private Builder() {}

    /**
     * @param durable whether tasks survive a restart of the process and of the backend
     * @return this builder
     */
    public Builder durable(boolean durable) {
      this.durable = durable;
      return this;
    }

    /**
     * @param callerClock whether the store reads time from {@link StoreContext#clock()}, so a
     *     manual clock drives delays and leases; false when it uses its own clock (a database's
     *     {@code now()})
     * @return this builder
     */
    public Builder callerClock(boolean callerClock) {
      this.callerClock = callerClock;
      return this;
    }

    /**
     * @param wakeups whether the store calls its wake listeners when tasks become ready through
     *     another process, so idle workers need no polling to see them
     * @return this builder
     */
    public Builder wakeups(boolean wakeups) {
      this.wakeups = wakeups;
      return this;
    }

    /**
     * @param listing whether {@link TaskStore#list(TaskQuery)} and {@link TaskStore#counts()} are
     *     supported
     * @return this builder
     */
    public Builder listing(boolean listing) {
      this.listing = listing;
      return this;
    }

    /**
     * @param schedules whether {@link TaskStore#schedules()} is supported
     * @return this builder
     */
    public Builder schedules(boolean schedules) {
      this.schedules = schedules;
      return this;
    }

    /**
     * @param keyValue whether {@link TaskStore#kv()} is supported
     * @return this builder
     */
    public Builder keyValue(boolean keyValue) {
      this.keyValue = keyValue;
      return this;
    }

    /**
     * The capabilities with the flags set so far.
     *
     * @return the capabilities
     */
    public Capabilities build() {
      return new Capabilities(durable, callerClock, wakeups, listing, schedules, keyValue);
    }
  }
}
