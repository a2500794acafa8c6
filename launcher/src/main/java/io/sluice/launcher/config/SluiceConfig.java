package io.sluice.launcher.config;

import io.sluice.records.Operation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The whole gateway configuration, validated; built by {@link ConfigLoader}. */
public record SluiceConfig(
        String source,
        Set<Role> roles,
        Server server,
        Kafka kafka,
        Simulator simulator,
        List<Backend> backends,
        Map<String, Model> models,
        List<Subscription> subscriptions,
        Processors processors,
        Egress egress,
        Admin admin,
        boolean demo) {

    /** The roles one process can run. */
    public enum Role { INGRESS, PROCESSORS, EGRESS }

    public record Server(String host, int port, long maxBodyBytes, int maxInFlight, long defaultTimeoutMs,
            long maxTimeoutMs, String instanceId, boolean serverTiming) {
    }

    /**
     * @param bootstrapServers the cluster to join, or null to start the embedded broker
     */
    public record Kafka(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor,
            Embedded embedded, Map<String, String> client) {
        public boolean embeddedBroker() {
            return bootstrapServers == null;
        }
    }

    public record Embedded(String host, int port, int controllerPort, Path dataDir) {
    }

    public record Simulator(boolean enabled, int port, long latencyMs, double tokensPerSecond, int completionTokens) {
    }

    /** One backend; {@code type} is openai, azure-openai, or simulator (the built-in one). */
    public record Backend(String id, String type, String baseUrl, String endpoint, String deployment,
            String apiVersion, String apiKey, String model, long connectTimeoutMs) {
        @Override
        public String toString() {
            return "Backend[id=" + id + ", type=" + type + ", apiKey=" + (apiKey == null ? "none" : "****") + "]";
        }
    }

    public record Model(String name, Operation operation, List<String> backends) {
    }

    public record Subscription(String id, String name, List<Key> keys) {
    }

    /** An API key as stored: its id and the SHA-256 of the key, never the key. */
    public record Key(String id, String sha256) {
    }

    public record Processors(boolean exactlyOnce, long commitIntervalMs, Path stateDir, int threads) {
    }

    public record Egress(int maxInFlight, int connectionsPerBackend) {
    }

    /** Admin API keys, as SHA-256 hashes. */
    public record Admin(List<String> keySha256) {
    }
}
