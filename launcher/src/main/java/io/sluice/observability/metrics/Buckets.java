package io.sluice.observability.metrics;

import java.time.Duration;

/** Histogram bucket bounds shared by the latency and token meters, so dashboards can add them up. */
final class Buckets {

    /** 1 ms to 5 min: gateway hops are milliseconds, LLM calls seconds to minutes. */
    static final Duration[] LATENCY = millis(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000,
            30_000, 60_000, 120_000, 300_000);

    /** Gaps between stream chunks: sub-millisecond to a second. */
    static final Duration[] TOKEN_GAP = millis(0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000);

    /** Tokens per request, as the GenAI conventions suggest (powers of 4). */
    static final double[] TOKENS = {1, 4, 16, 64, 256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304};

    private Buckets() {
    }

    private static Duration[] millis(double... ms) {
        Duration[] out = new Duration[ms.length];
        for (int i = 0; i < ms.length; i++) {
            out[i] = Duration.ofNanos(Math.round(ms[i] * 1_000_000));
        }
        return out;
    }
}
