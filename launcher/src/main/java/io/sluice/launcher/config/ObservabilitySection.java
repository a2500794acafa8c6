package io.sluice.launcher.config;

import io.sluice.observability.ObservabilitySettings;
import java.net.URI;

/** Reads the {@code observability} section: metrics, traces, the request log, the dashboard; on by default. */
final class ObservabilitySection {

    private ObservabilitySection() {
    }

    static ObservabilitySettings read(ConfigNode root) {
        ConfigNode o = root.child("observability").allowOnly("enabled", "metrics-require-admin-key", "otlp-endpoint",
                "trace-sample-ratio", "service-name", "request-log", "activity-days", "end-user-header");
        String endpoint = o.string("otlp-endpoint", null);
        if (endpoint != null) {
            try {
                URI u = URI.create(endpoint);
                if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                    throw o.error("otlp-endpoint", "must be an http or https URL of an OTLP/HTTP receiver (got '"
                            + endpoint + "'), e.g. http://otel-collector:4318");
                }
            } catch (IllegalArgumentException e) {
                throw o.error("otlp-endpoint", "is not a URL (got '" + endpoint + "'). Give the OTLP/HTTP receiver, "
                        + "e.g. http://otel-collector:4318");
            }
        }
        String service = o.string("service-name", "sluice");
        if (service.isBlank()) {
            throw o.error("service-name", "must not be empty; it names this gateway in the traces (default sluice)");
        }
        String endUserHeader = o.string("end-user-header", null);
        if (endUserHeader != null && !endUserHeader.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw o.error("end-user-header", "must be an HTTP header name (got '" + endUserHeader + "'), e.g. x-user-id");
        }
        return new ObservabilitySettings(o.bool("enabled", true), o.bool("metrics-require-admin-key", false), endpoint,
                o.decimal("trace-sample-ratio", 1.0, 0, 1), service, o.bool("request-log", true),
                o.integer("activity-days", 7, 1, 31),
                endUserHeader == null ? null : endUserHeader.toLowerCase(java.util.Locale.ROOT));
    }
}
