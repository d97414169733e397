package dev.baton.spi;

/**
 * What a backend can do. The engine and the contract suite consult these flags instead of calling
 * methods that would half work.
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
    boolean keyValue) {}
