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
                "counter key: the subscription id, or the subscription id plus the key, header value or client "
                        + "IP its limits count per", "OpenAI request body; metadata in sluice-* headers",
                "ingress", "processors"));
        e.add(new Entry(topic(names.dispatch(), partitions, retention(DAY_MS)),
                "request id", "OpenAI request body for the backend; metadata and backend candidates in headers",
                "processors", "egress"));
        e.add(new Entry(topic(names.usage(), partitions, retention(30 * DAY_MS)),
                "subscription id", "UsageEvent (JSON), priced, exactly one per request (transactional: read with "
                        + "isolation.level=read_committed)", "ledger (exactly-once)",
                "billing consumers, observability (metrics and request log: one instance per event; dashboard and "
                        + "activity: every instance)"));
        e.add(new Entry(topic(names.usagePending(), partitions, retention(7 * DAY_MS)),
                "subscription id", "UsageEvent (JSON) as written, possibly twice after a crash",
                "processors, egress", "ledger"));
        e.add(new Entry(topic(names.quotaReconcile(), partitions, retention(DAY_MS)),
                "counter key (co-partitioned with requests)", "Reconciliation (JSON): a request's real usage",
                "egress, processors", "processors (quota)"));
        e.add(new Entry(topic(names.config(), 1, compacted()),
                "entity id: `subscription:<id>`, `key:<key-id>`", "Subscription / ApiKeyEntry (JSON); "
                        + "null deletes", "admin API, config seeding at start", "every instance"));
        e.add(new Entry(topic(names.spend(), 1, compacted()),
                "subscription id", "Spend (JSON): spend in the current budget period", "ledger",
                "processors (quota)"));
        e.add(new Entry(topic(names.cancels(), 1, retention(HOUR_MS)),
                "request id", "empty; the request was abandoned by its client", "ingress", "egress (every instance)"));
        e.add(new Entry(topic(names.backendHealth(), 1, compacted()),
                "backend id", "BackendHealth (JSON): circuit breaker state changes", "egress",
                "processors (global store), egress (every instance)"));
        e.add(new Entry(topic(names.cacheFill(), partitions, retention(DAY_MS)),
                "the request's requests-topic key (co-partitioned with requests); invalidations: written to every "
                        + "partition", "CacheFill (JSON): an answer to store, or an invalidation",
                "egress (cache), admin API", "processors (cache)"));
        e.add(new Entry(topic(names.cacheStats(), 1, compacted()),
                "`<scope>@<partition>`", "CacheScopeStats (JSON): entries, hits, misses, tokens saved",
                "processors (cache)", "admin API"));
        e.add(new Entry(topic(names.audit(), partitions, retention(30 * DAY_MS)),
                "request id", "AuditEvent (JSON): one content-safety decision (checks, categories, action); no raw "
                        + "prompt text unless `safety.audit.include-raw-text`", "processors (safety), egress (safety)",
                "auditors, observability (safety metrics)"));
        e.add(new Entry(topic(names.safetyChecks(), partitions, retention(HOUR_MS)),
                "request id, written to the partition of its request", "SafetyCheckRequest (JSON): redacted text "
                        + "and the external checks to run; request metadata in sluice-* headers",
                "processors (safety)", "egress (safety check worker)"));
        e.add(new Entry(topic(names.safetyVerdicts(), partitions, retention(HOUR_MS)),
                "request id, written to the partition of its check request (co-partitioned with requests)",
                "SafetyVerdict (JSON): the services' raw results; request metadata in sluice-* headers",
                "egress (safety check worker)", "processors (safety)"));
        batchEntries(e);
        return e;
    }

    /** The batch topics: the two public ones for Kafka clients, and those of the Batch API and the pacing. */
    private void batchEntries(List<Entry> e) {
        e.add(new Entry(topic(names.batchRequests(), partitions, retention(7 * DAY_MS)),
                "custom_id (any key works)", "one OpenAI batch input line (JSON); the API key in header "
                        + "`sluice-api-key`; optional `sluice-reply-to`, `sluice-batch-id`, `sluice-completion-window`",
                "batch producers (any Kafka client)", "processors (batch intake)"));
        e.add(new Entry(topic(names.batchResults(), partitions, retention(7 * DAY_MS)),
                "custom_id", "one OpenAI batch output line (JSON), exactly once per input line (transactional: read "
                        + "with isolation.level=read_committed)", "processors (batch scheduler)", "batch consumers"));
        e.add(new Entry(topic(names.batchLines(), partitions, retention(7 * DAY_MS)),
                "counter key (co-partitioned with requests)", "a batch line (OpenAI request body, metadata in "
                        + "headers) or a batch command (`create`: BatchState JSON, `cancel`)",
                "processors (batch intake), ingress (Batch API)", "processors (batch scheduler)"));
        e.add(new Entry(topic(names.dispatchBatch(), partitions, retention(7 * DAY_MS)),
                "request id", "OpenAI request body for the backend; metadata, batch headers and backend candidates "
                        + "in headers", "processors (batch scheduler)", "egress (batch worker)"));
        e.add(new Entry(topic(names.batchOutcomes(), partitions, retention(7 * DAY_MS)),
                "counter key (co-partitioned with requests)", "one OpenAI batch output line; the usage event in "
                        + "header `sluice-usage`; possibly twice after an egress restart",
                "egress (batch worker)", "processors (batch scheduler)"));
        e.add(new Entry(topic(names.batchOutput(), partitions, retention(30 * DAY_MS)),
                "batch id", "one OpenAI batch output line; header `sluice-batch-file`: `output` or `error` "
                        + "(transactional: read_committed)", "processors (batch scheduler)",
                "ingress (`GET /v1/files/{id}/content`)"));
        e.add(new Entry(topic(names.batchState(), 1, compacted()),
                "batch id", "BatchState (JSON): the OpenAI batch object and its owner",
                "ingress (create, cancel), processors (batch scheduler)", "ingress, egress (cancellations)"));
        e.add(new Entry(topic(names.batchFiles(), 1, compacted()),
                "file id", "BatchFile (JSON): the file object and where its chunks are; null deletes",
                "ingress (Files API)", "ingress"));
        e.add(new Entry(topic(names.batchFileContent(), 1, compacted()),
                "`<file id>/<chunk>`", "up to 512 KiB of an uploaded file's bytes", "ingress (Files API)",
                "ingress (by offset)"));
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

    /** Keeps the latest record per key; segments roll hourly so old states are compacted away. */
    private static Map<String, String> compacted() {
        return Map.of("cleanup.policy", "compact", "segment.ms", Long.toString(HOUR_MS),
                "min.cleanable.dirty.ratio", "0.1");
    }

    private static Map<String, String> retention(long ms) {
        return Map.of("retention.ms", Long.toString(ms), "cleanup.policy", "delete");
    }
}
