package io.sluice.egress.backend;

import io.sluice.egress.breaker.BreakerSettings;
import io.sluice.egress.health.HealthCheckSettings;
import io.sluice.egress.pacing.Capacity;
import java.util.Objects;

/**
 * How egress treats one backend beyond its address: its circuit breaker, its declared capacity,
 * optional active health checks, and how long to wait for its first byte.
 *
 * @param healthCheck        active checks, or null for none
 * @param firstByteTimeoutMs an attempt without a response within this time fails over (0: only the
 *                           request's deadline bounds it)
 */
public record BackendPolicy(BreakerSettings breaker, Capacity capacity, HealthCheckSettings healthCheck,
        long firstByteTimeoutMs) {

    public BackendPolicy {
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(capacity, "capacity");
        if (firstByteTimeoutMs < 0) {
            throw new IllegalArgumentException("first-byte-timeout-ms must be 0 (off) or more");
        }
    }

    public static BackendPolicy defaults() {
        return new BackendPolicy(BreakerSettings.defaults(), Capacity.UNLIMITED, null, 0);
    }
}
