package io.sluice.bench.metrics;

import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds of one set of requests. */
public record Percentiles(long count, double p50, double p90, double p99, double p999, double max, double mean) {

    /** Summarises a microsecond histogram; null when it holds nothing. */
    public static Percentiles of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return null;
        }
        return new Percentiles(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()), round(micros.getMean() / 1_000));
    }

    /** What this adds over a baseline at the same percentiles: this percentile minus the baseline's. */
    public LatencyDelta minus(Percentiles baseline) {
        return new LatencyDelta(round(p50 - baseline.p50), round(p90 - baseline.p90), round(p99 - baseline.p99),
                round(p999 - baseline.p999));
    }

    private static double ms(long micros) {
        return round(micros / 1_000.0);
    }

    private static double round(double ms) {
        return Math.round(ms * 1_000) / 1_000.0;
    }
}
