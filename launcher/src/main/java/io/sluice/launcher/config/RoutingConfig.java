package io.sluice.launcher.config;

import io.sluice.egress.backend.BackendPolicy;
import io.sluice.egress.call.RetryPolicy;
import java.util.Map;

/**
 * How requests fail over and how each backend is guarded: the {@code routing} section and the
 * breaker, capacity, health-check and first-byte-timeout keys of every backend.
 *
 * @param policies every declared backend's policy, by id
 */
public record RoutingConfig(RetryPolicy retry, Map<String, BackendPolicy> policies) {

    public RoutingConfig {
        policies = Map.copyOf(policies);
    }

    public static RoutingConfig defaults() {
        return new RoutingConfig(RetryPolicy.defaults(), Map.of());
    }
}
