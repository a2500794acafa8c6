package io.sluice.bench.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Per-hop duration histograms filled from {@code Server-Timing} headers; not thread-safe (one per worker). */
public final class HopHistograms {
    private final Map<String, Histogram> hops = new LinkedHashMap<>();

    /** Records one response's header; a missing header records nothing. */
    public void record(String serverTimingHeader) {
        ServerTiming.parse(serverTimingHeader).forEach((hop, ms) -> LatencyHistograms.recordMicros(
                hops.computeIfAbsent(hop, k -> LatencyHistograms.create()), Math.round(ms * 1_000)));
    }

    public void addAll(HopHistograms other) {
        other.hops.forEach((hop, h) -> hops.computeIfAbsent(hop, k -> LatencyHistograms.create()).add(h));
    }

    public boolean isEmpty() {
        return hops.isEmpty();
    }

    /** Hop name → count, p50 and p99, in the order the hops first appeared. */
    public Map<String, HopSummary> summaries() {
        Map<String, HopSummary> out = new LinkedHashMap<>();
        hops.forEach((hop, h) -> {
            Percentiles p = Percentiles.of(h);
            if (p != null) {
                out.put(hop, new HopSummary(p.count(), p.p50(), p.p99()));
            }
        });
        return out;
    }
}
