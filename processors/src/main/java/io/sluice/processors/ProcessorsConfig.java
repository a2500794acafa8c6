package io.sluice.processors;

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
 */
public record ProcessorsConfig(
        TopicNames topics,
        Map<String, ModelRoute> models,
        String applicationId,
        boolean exactlyOnce,
        long commitIntervalMs,
        String stateDir,
        int threads) {

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
