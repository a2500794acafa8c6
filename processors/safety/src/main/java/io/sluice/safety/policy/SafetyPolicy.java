package io.sluice.safety.policy;

import java.util.List;
import java.util.Objects;

/**
 * A named set of checks and what to do when an external service fails.
 *
 * @param timeoutMs         how long the external checks may take, all together
 * @param failOpen          when an external check fails or times out: let the prompt through (audited)
 *                          instead of refusing it with 503
 * @param retryAfterSeconds the Retry-After of that 503
 */
public record SafetyPolicy(String name, List<Check> checks, long timeoutMs, boolean failOpen,
        long retryAfterSeconds) {

    public SafetyPolicy {
        Objects.requireNonNull(name, "name");
        checks = List.copyOf(checks);
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("policy " + name + ": timeout-ms must be at least 1");
        }
    }

    public boolean hasExternalChecks() {
        return checks.stream().anyMatch(c -> c.type().external());
    }

    public boolean checksResponses() {
        return checks.stream().anyMatch(Check::onResponse);
    }
}
