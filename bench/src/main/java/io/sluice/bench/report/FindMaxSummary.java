package io.sluice.bench.report;

/**
 * Result of {@code --find-max}: the highest achieved rate among steps with zero errors and p99 within
 * {@code maxP99Ms} (null when no step qualified), and the offered rate of that step.
 */
public record FindMaxSummary(long maxP99Ms, Double maxSustainedPerSecond, Double atOfferedPerSecond, int trials) {
}
