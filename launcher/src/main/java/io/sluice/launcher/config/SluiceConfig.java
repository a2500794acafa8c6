package io.sluice.launcher.config;

import io.sluice.records.Operation;
import io.sluice.records.PoolMember;
import io.sluice.records.RoutingStrategy;
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
        boolean demo,
        RoutingConfig routing,
        Governance governance,
        CacheSection.Cache cache,
        SafetySection.Safety safety,
        io.sluice.observability.ObservabilitySettings observability,
        BatchSection.Batch batch) {

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

    /**
     * A model name clients use and the pool that serves it.
     *
     * @param backends the members' backend ids, in the order configured
     */
    public record Model(String name, Operation operation, List<String> backends, RoutingStrategy strategy,
            List<PoolMember> members) {

        /** Ordered failover over {@code backends}. */
        public Model(String name, Operation operation, List<String> backends) {
            this(name, operation, backends, RoutingStrategy.FAILOVER, backends.stream().map(PoolMember::of).toList());
        }
    }

    /**
     * A subscription of the config file: its keys, and its settings (product, state, models, limits)
     * as they seed the config topic; null settings: a plain subscription without limits.
     */
    public record Subscription(String id, String name, List<Key> keys,
            io.sluice.records.governance.Subscription settings) {
        public Subscription(String id, String name, List<Key> keys) {
            this(id, name, keys, null);
        }
    }

    /**
     * Token governance: completion tokens reserved for a request that sets no max_tokens, how long
     * the ledger remembers request ids to drop duplicate usage events, the host other instances
     * reach this one's admin API at (usage queries), and the price table.
     */
    public record Governance(long defaultCompletionTokens, java.time.Duration dedupeWindow, String advertisedHost,
            Map<String, io.sluice.records.governance.ModelPrice> prices) {

        /** advertised-host, else server.host (loopback when the server binds every interface). */
        public String advertisedHost(String serverHost) {
            if (advertisedHost != null) {
                return advertisedHost;
            }
            return "0.0.0.0".equals(serverHost) || "::".equals(serverHost) ? "127.0.0.1" : serverHost;
        }
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
