package io.sluice.bench.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Per-hop duration histograms filled from {@code Server-Timing} headers; not thread-safe (one per worker). */
public final class HopHistograms {
    /** Sluice's hops in the order a request passes them; other names follow in the order they appeared. */
    static final List<String> PATH_ORDER = List.of("requests", "processors", "dispatch", "egress", "backend", "reply",
            "total");

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

    /** Hop name → count, p50 and p99: Sluice's hops in path order, then any others in the order they appeared. */
    public Map<String, HopSummary> summaries() {
        List<String> names = new ArrayList<>();
        PATH_ORDER.stream().filter(hops::containsKey).forEach(names::add);
        hops.keySet().stream().filter(n -> !PATH_ORDER.contains(n)).forEach(names::add);
        Map<String, HopSummary> out = new LinkedHashMap<>();
        for (String hop : names) {
            Percentiles p = Percentiles.of(hops.get(hop));
            if (p != null) {
                out.put(hop, new HopSummary(p.count(), p.p50(), p.p99()));
            }
        }
        return out;
    }
}
