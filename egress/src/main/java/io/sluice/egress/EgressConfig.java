package io.sluice.egress;

import io.sluice.egress.backend.BackendEndpoint;
import io.sluice.egress.backend.BackendPolicy;
import io.sluice.egress.call.RetryPolicy;
import io.sluice.records.TopicNames;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the egress role.
 *
 * @param groupId               consumer group shared by all egress instances
 * @param maxInFlight           backend calls this instance runs at once; beyond, it stops fetching
 * @param connectionsPerBackend HTTP/1.1 connections kept per backend origin
 * @param retry                 how far a request fails over inside its pool
 * @param policies              breaker, capacity and health checks per backend id (defaults for the rest)
 */
public record EgressConfig(
        TopicNames topics,
        Map<String, BackendEndpoint> backends,
        String groupId,
        int maxInFlight,
        int connectionsPerBackend,
        String instanceId,
        RetryPolicy retry,
        Map<String, BackendPolicy> policies) {

    /** Default failover and breakers for every backend. */
    public EgressConfig(TopicNames topics, Map<String, BackendEndpoint> backends, String groupId, int maxInFlight,
            int connectionsPerBackend, String instanceId) {
        this(topics, backends, groupId, maxInFlight, connectionsPerBackend, instanceId, RetryPolicy.defaults(),
                Map.of());
    }

    public EgressConfig {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(instanceId, "instanceId");
        backends = Map.copyOf(backends);
        Objects.requireNonNull(retry, "retry");
        policies = Map.copyOf(policies);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        if (connectionsPerBackend < 1) {
            throw new IllegalArgumentException("connectionsPerBackend must be at least 1");
        }
    }
}
