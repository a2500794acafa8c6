package io.sluice.ingress;

import io.sluice.records.TopicNames;
import java.util.Objects;

/**
 * Configuration of the ingress role.
 *
 * @param maxBodyBytes     largest request body accepted (413 beyond)
 * @param maxInFlight      exchanges this instance holds open at once (503 with Retry-After beyond)
 * @param defaultTimeoutMs deadline of a request that does not ask for one
 * @param maxTimeoutMs     largest deadline a client may ask for with {@code x-sluice-timeout-ms}
 * @param instanceId       names this instance's reply topic; stable across restarts of one instance
 * @param serverTiming     whether responses carry a Server-Timing header with per-hop durations
 * @param carriedHeaders   request headers (lower case) carried to the stages as {@code header.<name>}
 *                         attributes, for the stages that vary by them (the cache's vary-by)
 * @param endUserHeader    request header naming the end user when the body has no {@code user} field, or null
 */
public record IngressConfig(
        String host,
        int port,
        long maxBodyBytes,
        int maxInFlight,
        long defaultTimeoutMs,
        long maxTimeoutMs,
        String instanceId,
        TopicNames topics,
        boolean serverTiming,
        java.util.Set<String> carriedHeaders,
        String endUserHeader) {

    /** A configuration where only the body's {@code user} field names the end user. */
    public IngressConfig(String host, int port, long maxBodyBytes, int maxInFlight, long defaultTimeoutMs,
            long maxTimeoutMs, String instanceId, TopicNames topics, boolean serverTiming,
            java.util.Set<String> carriedHeaders) {
        this(host, port, maxBodyBytes, maxInFlight, defaultTimeoutMs, maxTimeoutMs, instanceId, topics, serverTiming,
                carriedHeaders, null);
    }

    /** A configuration that carries no request header beyond the standard ones. */
    public IngressConfig(String host, int port, long maxBodyBytes, int maxInFlight, long defaultTimeoutMs,
            long maxTimeoutMs, String instanceId, TopicNames topics, boolean serverTiming) {
        this(host, port, maxBodyBytes, maxInFlight, defaultTimeoutMs, maxTimeoutMs, instanceId, topics, serverTiming,
                java.util.Set.of());
    }

    public IngressConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(topics, "topics");
        carriedHeaders = carriedHeaders == null ? java.util.Set.of() : java.util.Set.copyOf(carriedHeaders);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (maxBodyBytes < 1 || maxInFlight < 1 || defaultTimeoutMs < 1 || maxTimeoutMs < defaultTimeoutMs) {
            throw new IllegalArgumentException("ingress limits must be positive, and maxTimeoutMs >= defaultTimeoutMs");
        }
        if (!instanceId.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("instanceId may only contain letters, digits, '.', '_' and '-'");
        }
    }
}
