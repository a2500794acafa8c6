package io.sluice.bench.metrics;

/** Milliseconds a gateway adds over the direct baseline, percentile by percentile (may be negative: noise). */
public record LatencyDelta(double p50, double p90, double p99, double p999) {
}
