package io.sluice.egress.pool;

import io.sluice.egress.breaker.CircuitBreaker;
import io.sluice.egress.pacing.BackendPacer;

/** What the next attempt of a request should do. */
public sealed interface Selection {

    /** Call this backend; the permit and the reservation are held until the call ends. */
    record Chosen(LiveBackend backend, CircuitBreaker.Permit permit, BackendPacer.Reservation reservation)
            implements Selection {
    }

    /** Every remaining member is only at capacity: ask again after this many ms. */
    record Wait(long ms) implements Selection {
    }

    /** No member is left to try (all tried, open, or unknown here). */
    record NoneLeft(long retryAfterMs, String detail) implements Selection {
    }
}
