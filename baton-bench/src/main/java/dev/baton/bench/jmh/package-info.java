/**
 * JMH benchmarks, one class per thing measured, each named {@code *Benchmark}. Build the shaded jar
 * ({@code ./baton bench --help} does) and run {@code java -cp baton-bench/target/baton-bench.jar
 * org.openjdk.jmh.Main <regex>}.
 */
package dev.baton.bench.jmh;
