package io.sluice.bench.metrics;

import org.HdrHistogram.Histogram;

/** Creates and fills the microsecond histograms every latency in this tool goes into. */
public final class LatencyHistograms {

    /** Ten minutes: longer values are clamped (no request in a benchmark should take that long). */
    static final long HIGHEST_MICROS = 600_000_000L;

    private LatencyHistograms() {
    }

    public static Histogram create() {
        return new Histogram(1, HIGHEST_MICROS, 3);
    }

    public static void recordNanos(Histogram histogram, long nanos) {
        recordMicros(histogram, Math.max(0, nanos) / 1_000);
    }

    public static void recordMicros(Histogram histogram, long micros) {
        histogram.recordValue(Math.min(Math.max(0, micros), HIGHEST_MICROS));
    }
}
