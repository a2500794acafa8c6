package io.sluice.processors;

import io.sluice.processors.cache.CacheSettings;
import io.sluice.processors.quota.QuotaSettings;
import io.sluice.processors.routing.ModelRoute;
import io.sluice.records.TopicNames;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the processors role.
 *
 * @param applicationId   Kafka Streams application id (the consumer group of all processors)
 * @param exactlyOnce     whether Streams runs with exactly_once_v2 (else at_least_once)
 * @param commitIntervalMs how often Streams commits; with exactly-once, how often a transaction ends
 * @param stateDir        where Streams keeps its RocksDB state
 * @param threads         stream threads in this instance
 * @param quota           token governance (limits, budgets, model access), or null for none
 * @param cache           the semantic cache, or null for none
 * @param safety          content safety (prompt side), or null for none
 * @param batch           batch lines (Kafka topic and Batch API), or null for none
 */
public record ProcessorsConfig(
        TopicNames topics,
        Map<String, ModelRoute> models,
        String applicationId,
        boolean exactlyOnce,
        long commitIntervalMs,
        String stateDir,
        int threads,
        QuotaSettings quota,
        CacheSettings cache,
        io.sluice.safety.policy.SafetySettings safety,
        io.sluice.processors.batch.BatchSettings batch) {

    /** A configuration without batch lines. */
    public ProcessorsConfig(TopicNames topics, Map<String, ModelRoute> models, String applicationId,
            boolean exactlyOnce, long commitIntervalMs, String stateDir, int threads, QuotaSettings quota,
            CacheSettings cache, io.sluice.safety.policy.SafetySettings safety) {
        this(topics, models, applicationId, exactlyOnce, commitIntervalMs, stateDir, threads, quota, cache, safety,
                null);
    }

    /** A configuration without content safety. */
    public ProcessorsConfig(TopicNames topics, Map<String, ModelRoute> models, String applicationId,
            boolean exactlyOnce, long commitIntervalMs, String stateDir, int threads, QuotaSettings quota,
            CacheSettings cache) {
        this(topics, models, applicationId, exactlyOnce, commitIntervalMs, stateDir, threads, quota, cache, null);
    }

    /** A configuration without the semantic cache. */
    public ProcessorsConfig(TopicNames topics, Map<String, ModelRoute> models, String applicationId,
            boolean exactlyOnce, long commitIntervalMs, String stateDir, int threads, QuotaSettings quota) {
        this(topics, models, applicationId, exactlyOnce, commitIntervalMs, stateDir, threads, quota, null);
    }

    /** A configuration without token governance. */
    public ProcessorsConfig(TopicNames topics, Map<String, ModelRoute> models, String applicationId,
            boolean exactlyOnce, long commitIntervalMs, String stateDir, int threads) {
        this(topics, models, applicationId, exactlyOnce, commitIntervalMs, stateDir, threads, null);
    }

    public ProcessorsConfig {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        models = Map.copyOf(models);
        if (commitIntervalMs < 1) {
            throw new IllegalArgumentException("commitIntervalMs must be at least 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }
}
