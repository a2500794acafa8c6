package io.sluice.egress;

import io.sluice.egress.backend.BackendEndpoint;
import io.sluice.records.TopicNames;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the egress role.
 *
 * @param groupId               consumer group shared by all egress instances
 * @param maxInFlight           backend calls this instance runs at once; beyond, it stops fetching
 * @param connectionsPerBackend HTTP/1.1 connections kept per backend origin
 */
public record EgressConfig(
        TopicNames topics,
        Map<String, BackendEndpoint> backends,
        String groupId,
        int maxInFlight,
        int connectionsPerBackend,
        String instanceId) {

    public EgressConfig {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(instanceId, "instanceId");
        backends = Map.copyOf(backends);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        if (connectionsPerBackend < 1) {
            throw new IllegalArgumentException("connectionsPerBackend must be at least 1");
        }
    }
}
