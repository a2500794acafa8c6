package io.sluice.records;

import java.util.Objects;
import java.util.regex.Pattern;

/** The names of every Sluice topic, derived from one configurable prefix (default {@code sluice.}). */
public record TopicNames(String prefix) {

    public static final String DEFAULT_PREFIX = "sluice.";
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");

    public TopicNames {
        Objects.requireNonNull(prefix, "prefix");
        if (!LEGAL.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "topic prefix '" + prefix + "' may only contain letters, digits, '.', '_' and '-'");
        }
    }

    public static TopicNames defaults() {
        return new TopicNames(DEFAULT_PREFIX);
    }

    /** Interactive requests from ingress, keyed by counter key (subscription). */
    public String requests() {
        return prefix + "requests";
    }

    /** Admitted interactive work with the backend candidates chosen, keyed by request id. */
    public String dispatch() {
        return prefix + "dispatch";
    }

    /** The replies of one ingress instance, keyed by request id. */
    public String replies(String ingressId) {
        return prefix + "replies." + ingressId;
    }

    /** Prefix shared by every ingress reply topic. */
    public String repliesPrefix() {
        return prefix + "replies.";
    }

    /** One usage event per finished request, keyed by subscription. */
    public String usage() {
        return prefix + "usage";
    }

    /** Cancellations of in-flight requests (client went away), keyed by request id. */
    public String cancels() {
        return prefix + "cancels";
    }

    /** Batch prompts produced straight to Kafka, one OpenAI batch input line per record (key: custom id). */
    public String batchRequests() {
        return prefix + "batch.requests";
    }

    /** Results of batch lines produced straight to Kafka, one OpenAI batch output line per record (key: custom id). */
    public String batchResults() {
        return prefix + "batch.results";
    }

    /** Admitted batch lines with their backend candidates, keyed by the line's request id. */
    public String dispatchBatch() {
        return prefix + "dispatch.batch";
    }

    /** Batch lines and batch commands (create, cancel) to pace, keyed by counter key (co-partitioned with requests). */
    public String batchLines() {
        return prefix + "batch.lines";
    }

    /** What egress got for each batch line, keyed by counter key (co-partitioned with requests); may repeat. */
    public String batchOutcomes() {
        return prefix + "batch.outcomes";
    }

    /** The output and error lines of batches created through the Batch API, keyed by batch id. */
    public String batchOutput() {
        return prefix + "batch.output";
    }

    /** Batch objects (status, request counts): compacted, keyed by batch id. */
    public String batchState() {
        return prefix + "batch.state";
    }

    /** Uploaded files' metadata and where their content is: compacted, keyed by file id. */
    public String batchFiles() {
        return prefix + "batch.files";
    }

    /** Uploaded files' content in chunks: compacted, keyed by {@code <file id>/<chunk>}. */
    public String batchFileContent() {
        return prefix + "batch.file-content";
    }

    /** Content-safety decisions, one event per decision, keyed by request id. */
    public String audit() {
        return prefix + "audit";
    }

    /** Prompts waiting for an external safety service's verdict; in the partition of their request. */
    public String safetyChecks() {
        return prefix + "safety.checks";
    }

    /** External safety services' verdicts, in the partition of their check request (co-partitioned with requests). */
    public String safetyVerdicts() {
        return prefix + "safety.verdicts";
    }

    public String backendHealth() {
        return prefix + "backend-health";
    }

    /** Runtime configuration (subscriptions, keys): compacted, keyed by entity id. */
    public String config() {
        return prefix + "config";
    }

    /** Usage events as egress and processors write them, before the ledger deduplicates and prices them. */
    public String usagePending() {
        return prefix + "usage.pending";
    }

    /** Real usage of finished requests, back to the quota counter that reserved tokens; keyed by counter key. */
    public String quotaReconcile() {
        return prefix + "quota.reconcile";
    }

    /** What each subscription spent in its budget period, as the ledger counted it: compacted, keyed by subscription. */
    public String spend() {
        return prefix + "spend";
    }

    /** Answers to store in the semantic cache and invalidations; keyed like requests (co-partitioned). */
    public String cacheFill() {
        return prefix + "cache.fill";
    }

    /** Semantic cache statistics per scope and partition: compacted, keyed by {@code <scope>@<partition>}. */
    public String cacheStats() {
        return prefix + "cache.stats";
    }
}
