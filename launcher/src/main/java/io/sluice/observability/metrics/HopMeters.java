package io.sluice.observability.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.ingress.exchange.HopTimings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The time each request spent in each hop (the {@code Server-Timing} figures), and the latency the
 * gateway added: everything but the backend call.
 */
public final class HopMeters implements Consumer<HopTimings> {

    private static final List<String> HOPS = List.of("requests", "processors", "dispatch", "egress", "backend", "reply",
            "total");

    private final Map<String, Timer> hops = new java.util.HashMap<>();
    private final Timer overhead;

    public HopMeters(MeterRegistry registry) {
        for (String hop : HOPS) {
            hops.put(hop, Timer.builder("sluice.hop.duration")
                    .description("Time a request spent in one hop of the gateway (total: ingress to reply read back)")
                    .tag("hop", hop).serviceLevelObjectives(Buckets.LATENCY).register(registry));
        }
        overhead = Timer.builder("sluice.gateway.overhead")
                .description("Latency the gateway added to a request: its whole time in the gateway minus the backend call")
                .serviceLevelObjectives(Buckets.LATENCY).register(registry);
    }

    @Override
    public void accept(HopTimings timings) {
        Map<String, Double> ms = timings.millis();
        ms.forEach((hop, v) -> {
            Timer t = hops.get(hop);
            if (t != null) {
                t.record(nanos(v), TimeUnit.NANOSECONDS);
            }
        });
        Double total = ms.get("total");
        if (total != null) {
            Double backend = ms.get("backend");
            overhead.record(nanos(Math.max(0, total - (backend == null ? 0 : backend))), TimeUnit.NANOSECONDS);
        }
    }

    private static long nanos(double ms) {
        return Math.round(ms * 1_000_000);
    }
}
