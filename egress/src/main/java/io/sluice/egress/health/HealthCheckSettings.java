package io.sluice.egress.health;

import java.util.Objects;

/**
 * Active health checks of one backend: a GET every {@code intervalMs}; {@code unhealthyThreshold}
 * failures in a row open its breaker, {@code healthyThreshold} successes in a row close it again.
 *
 * @param path relative to the backend's base URL (OpenAI) or endpoint (Azure), e.g. {@code /models}
 */
public record HealthCheckSettings(long intervalMs, String path, long timeoutMs, int healthyThreshold,
        int unhealthyThreshold) {

    public HealthCheckSettings {
        Objects.requireNonNull(path, "path");
        if (intervalMs < 100) {
            throw new IllegalArgumentException("health-check.interval-ms must be at least 100");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("health-check.path must start with / (got '" + path + "')");
        }
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("health-check.timeout-ms must be at least 1");
        }
        if (healthyThreshold < 1 || unhealthyThreshold < 1) {
            throw new IllegalArgumentException("health-check thresholds must be at least 1");
        }
    }
}
