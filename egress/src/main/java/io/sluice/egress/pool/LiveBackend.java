package io.sluice.egress.pool;

import io.sluice.egress.backend.BackendEndpoint;
import io.sluice.egress.backend.BackendPolicy;
import io.sluice.egress.breaker.CircuitBreaker;
import io.sluice.egress.pacing.BackendPacer;

/** One backend as this instance sees it: where it is, its policy, and its live state. */
public record LiveBackend(BackendEndpoint endpoint, BackendPolicy policy, CircuitBreaker breaker, BackendPacer pacer,
        BackendLoad load) {

    public String id() {
        return endpoint.id();
    }
}
