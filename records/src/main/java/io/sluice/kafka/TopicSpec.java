package io.sluice.kafka;

import java.util.Map;

/** A topic Sluice creates when absent: name, partitions, replication and topic configs. */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {
    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("topic " + name + ": replication factor must be at least 1");
        }
        configs = configs == null ? Map.of() : Map.copyOf(configs);
    }
}
