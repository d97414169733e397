/**
 * The backend contract suite and test helpers. A backend extends each contract class ({@link
 * dev.baton.testkit.QueueContract}, {@link dev.baton.testkit.SettleContract}, {@link
 * dev.baton.testkit.CancelRetryContract}, {@link dev.baton.testkit.QueryContract}, {@link
 * dev.baton.testkit.LeaseContract}, {@link dev.baton.testkit.KvContract}, {@link
 * dev.baton.testkit.EnqueueContract}, {@link dev.baton.testkit.EngineContract}, {@link
 * dev.baton.testkit.EngineOutcomeContract}, {@link dev.baton.testkit.EngineLifecycleContract},
 * {@link dev.baton.testkit.EngineNodesContract}, {@link dev.baton.testkit.BadInputContract}, {@link
 * dev.baton.testkit.ConcurrencyContract}, {@link dev.baton.testkit.ScheduleContract}, {@link
 * dev.baton.testkit.MigrationContract}, {@link dev.baton.testkit.QueuePauseContract}, {@link
 * dev.baton.testkit.RetentionContract}) in a {@code @Nested} class of a few lines that opens a
 * fresh store, all nested in one test class per backend variant; tests that need a capability the
 * backend lacks are skipped according to its {@link dev.baton.spi.Capabilities}. {@link
 * dev.baton.testkit.ManualClock} and {@link dev.baton.testkit.Awaits} serve any Baton test.
 */
package dev.baton.testkit;
