package io.sluice.simulator;

import java.util.List;

/** Immutable start-up configuration of a {@link BackendSimulator}. */
public record SimulatorConfig(String host, int port, List<String> models, long latencyMs,
        double tokensPerSecond, int completionTokens, int embeddingDimensions, String apiKey, int instances) {

    /** Default models served when none are configured. */
    public static final List<String> DEFAULT_MODELS = List.of("gpt-4o-mini", "gpt-4o", "text-embedding-3-small");

    public SimulatorConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be a host name or IP address to bind, e.g. 127.0.0.1");
        }
        requirePort(port);
        if (models == null || models.isEmpty()) {
            throw new IllegalArgumentException("models must list at least one model name, e.g. [gpt-4o-mini]");
        }
        for (String model : models) {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("models must not contain a blank or null name, got " + models);
            }
        }
        models = List.copyOf(models);
        requireLatency(latencyMs);
        requireTokensPerSecond(tokensPerSecond);
        requireCompletionTokens(completionTokens);
        if (embeddingDimensions < 1) {
            throw new IllegalArgumentException(
                    "embeddingDimensions must be >= 1 (e.g. 1536), got " + embeddingDimensions);
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must be null (no auth) or a non-blank key");
        }
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be >= 1 (one server verticle per event loop), got "
                    + instances);
        }
    }

    /** Loopback host, ephemeral port, three models, no latency, unpaced streams, 24-token answers, no auth. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig("127.0.0.1", 0, DEFAULT_MODELS, 0, 0, 24, 1536, null, 1);
    }

    public SimulatorConfig withHost(String host) {
        return new SimulatorConfig(host, port, models, latencyMs, tokensPerSecond, completionTokens,
                embeddingDimensions, apiKey, instances);
    }

    public SimulatorConfig withPort(int port) {
        return new SimulatorConfig(host, port, models, latencyMs, tokensPerSecond, completionTokens,
                embeddingDimensions, apiKey, instances);
    }

    public SimulatorConfig withModels(List<String> models) {
        return new SimulatorConfig(host, port, models, latencyMs, tokensPerSecond, completionTokens,
                embeddingDimensions, apiKey, instances);
    }

    public SimulatorConfig withLatencyMs(long latencyMs) {
        return new SimulatorConfig(host, port, models, latencyMs, tokensPerSecond, completionTokens,
                embeddingDimensions, apiKey, instances);
    }

    public SimulatorConfig withTokensPerSecond(double tokensPerSecond) {
        return new SimulatorConfig(host, port, models, latencyMs, tokensPerSecond, completionTokens,
                embeddingDimensions, apiKey, instances);
    }

    public SimulatorConfig withCompletionTokens(int completionTokens) {
        return new SimulatorConfig(host, port, models, latencyMs, tokensPerSecond, completionTokens,
                embeddingDimensions, apiKey, instances);
    }

    public SimulatorConfig withEmbeddingDimensions(int embeddingDimensions) {
        return new SimulatorConfig(host, port, models, latencyMs, tokensPerSecond, completionTokens,
                embeddingDimensions, apiKey, instances);
    }

    public SimulatorConfig withApiKey(String apiKey) {
        return new SimulatorConfig(host, port, models, latencyMs, tokensPerSecond, completionTokens,
                embeddingDimensions, apiKey, instances);
    }

    public SimulatorConfig withInstances(int instances) {
        return new SimulatorConfig(host, port, models, latencyMs, tokensPerSecond, completionTokens,
                embeddingDimensions, apiKey, instances);
    }

    static void requirePort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 picks a free port), got " + port);
        }
    }

    static void requireLatency(long latencyMs) {
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must be >= 0 (0 answers at once), got " + latencyMs);
        }
    }

    static void requireTokensPerSecond(double tokensPerSecond) {
        if (!(tokensPerSecond >= 0) || Double.isInfinite(tokensPerSecond)) {
            throw new IllegalArgumentException(
                    "tokensPerSecond must be a finite number >= 0 (0 streams as fast as possible), got "
                            + tokensPerSecond);
        }
    }

    static void requireCompletionTokens(int completionTokens) {
        if (completionTokens < 1) {
            throw new IllegalArgumentException(
                    "completionTokens must be >= 1 (tokens per answer), got " + completionTokens);
        }
    }
}
