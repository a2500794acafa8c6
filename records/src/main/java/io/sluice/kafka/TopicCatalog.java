package io.sluice.kafka;

import io.sluice.records.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The topics every Sluice deployment has, with their partitioning and retention. The single
 * source for topic creation at start and for the table in topology-docs.
 *
 * @param partitions        partitions of the partitioned hot-path topics
 * @param replicationFactor replication factor of every topic
 */
public record TopicCatalog(TopicNames names, int partitions, short replicationFactor) {

    public static final long HOUR_MS = 3_600_000L;
    public static final long DAY_MS = 24 * HOUR_MS;

    /** One row of the catalog: the spec plus what the docs say about it. */
    public record Entry(TopicSpec spec, String key, String value, String writers, String readers) {
    }

    public List<Entry> entries() {
        List<Entry> e = new ArrayList<>();
        e.add(new Entry(topic(names.requests(), partitions, retention(DAY_MS)),
                "subscription id (counter key)", "OpenAI request body; metadata in sluice-* headers",
                "ingress", "processors"));
        e.add(new Entry(topic(names.dispatch(), partitions, retention(DAY_MS)),
                "request id", "OpenAI request body for the backend; metadata and backend candidates in headers",
                "processors", "egress"));
        e.add(new Entry(topic(names.usage(), partitions, retention(30 * DAY_MS)),
                "subscription id", "UsageEvent (JSON)", "processors, egress", "ledger, billing consumers"));
        e.add(new Entry(topic(names.cancels(), 1, retention(HOUR_MS)),
                "request id", "empty; the request was abandoned by its client", "ingress", "egress (every instance)"));
        return e;
    }

    public List<TopicSpec> specs() {
        return entries().stream().map(Entry::spec).toList();
    }

    /** The reply topic of one ingress instance: one partition, short retention. */
    public TopicSpec replies(String ingressId) {
        return topic(names.replies(ingressId), 1, retention(HOUR_MS));
    }

    private TopicSpec topic(String name, int parts, Map<String, String> configs) {
        return new TopicSpec(name, parts, replicationFactor, configs);
    }

    private static Map<String, String> retention(long ms) {
        return Map.of("retention.ms", Long.toString(ms), "cleanup.policy", "delete");
    }
}
