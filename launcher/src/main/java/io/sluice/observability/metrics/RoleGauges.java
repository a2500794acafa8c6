package io.sluice.observability.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.egress.EgressRole;
import io.sluice.egress.breaker.BreakerState;
import io.sluice.egress.pool.LiveBackend;
import io.sluice.ingress.IngressRole;

/** Gauges read from the live roles of this process: open exchanges, calls in flight, circuit states. */
public final class RoleGauges {

    private RoleGauges() {
    }

    public static void ingress(MeterRegistry registry, IngressRole ingress) {
        Gauge.builder("sluice.ingress.open.exchanges", ingress, IngressRole::openExchanges)
                .description("Client exchanges this instance holds open, waiting for their reply").register(registry);
    }

    /** Per backend: calls in flight and the circuit state (1 for the current state, 0 for the others). */
    public static void egress(MeterRegistry registry, EgressRole egress) {
        Gauge.builder("sluice.egress.in.flight", egress, EgressRole::inFlight)
                .description("Requests this egress instance is working on").register(registry);
        for (LiveBackend b : egress.backends().all()) {
            Gauge.builder("sluice.backend.in.flight", b, x -> x.load().inFlight())
                    .description("Calls to the backend in flight from this instance").tag("backend", b.id())
                    .register(registry);
            for (BreakerState state : BreakerState.values()) {
                Gauge.builder("sluice.backend.circuit.state", b, x -> x.breaker().snapshot().state() == state ? 1 : 0)
                        .description("Circuit breaker state of the backend as this instance sees it (1: current)")
                        .tags("backend", b.id(), "state", state.wireName()).register(registry);
            }
        }
    }
}
