package io.sluice.observability;

import java.net.URI;
import java.util.Objects;

/**
 * What a process exposes about itself.
 *
 * @param enabled                 false: no /metrics, no spans, no request log, no dashboard
 * @param metricsRequireAdminKey  whether {@code /metrics} needs the admin key (off by default, as Prometheus expects)
 * @param otlpEndpoint            OTLP/HTTP base URL spans are exported to ({@code http://collector:4318}); null: no spans
 * @param traceSampleRatio        share of new traces recorded (a client's sampled flag is followed)
 * @param serviceName             {@code service.name} of the exported spans
 * @param requestLog              one JSON line per finished request on the {@code sluice.request} logger
 * @param activityDays            days of user activity kept in memory for {@code /admin/activity}
 * @param endUserHeader           request header naming the end user when the body has no {@code user} field, or null
 */
public record ObservabilitySettings(boolean enabled, boolean metricsRequireAdminKey, String otlpEndpoint,
        double traceSampleRatio, String serviceName, boolean requestLog, int activityDays, String endUserHeader) {

    public ObservabilitySettings {
        Objects.requireNonNull(serviceName, "serviceName");
        if (traceSampleRatio < 0 || traceSampleRatio > 1) {
            throw new IllegalArgumentException("traceSampleRatio must be in [0, 1]");
        }
        if (activityDays < 1 || activityDays > 31) {
            throw new IllegalArgumentException("activityDays must be 1..31");
        }
        if (otlpEndpoint != null) {
            URI.create(otlpEndpoint);
        }
    }

    /** Everything on, no span export. */
    public static ObservabilitySettings defaults() {
        return new ObservabilitySettings(true, false, null, 1.0, "sluice", true, 7, null);
    }

    public static ObservabilitySettings off() {
        return new ObservabilitySettings(false, false, null, 1.0, "sluice", false, 1, null);
    }

    /** The OTLP/HTTP traces URL: the endpoint with {@code /v1/traces} unless it names that path already. */
    public String otlpTracesUrl() {
        if (otlpEndpoint == null) {
            return null;
        }
        String base = otlpEndpoint.endsWith("/") ? otlpEndpoint.substring(0, otlpEndpoint.length() - 1) : otlpEndpoint;
        return base.endsWith("/v1/traces") ? base : base + "/v1/traces";
    }
}
