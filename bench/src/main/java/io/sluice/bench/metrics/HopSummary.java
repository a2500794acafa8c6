package io.sluice.bench.metrics;

/** One hop's durations over a step, from {@code Server-Timing}: how many, median and p99 in milliseconds. */
public record HopSummary(long count, double p50, double p99) {
}
