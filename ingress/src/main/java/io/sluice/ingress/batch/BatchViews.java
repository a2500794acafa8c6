package io.sluice.ingress.batch;

import io.sluice.kafka.CompactedTopicView;
import io.sluice.kafka.KafkaSettings;
import io.sluice.records.TopicNames;
import io.sluice.records.batch.BatchFile;
import io.sluice.records.batch.BatchState;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's view of the uploaded files and the batches, read from their compacted topics, so
 * any ingress instance answers for any file or batch. What this instance itself just wrote is
 * remembered at once (the topic brings it moments later).
 */
final class BatchViews implements AutoCloseable {

    private final Map<String, BatchFile> files = new ConcurrentHashMap<>();
    private final Map<String, BatchState> batches = new ConcurrentHashMap<>();
    private CompactedTopicView fileView;
    private CompactedTopicView batchView;

    static BatchViews start(KafkaSettings kafka, TopicNames topics, String instanceId) {
        BatchViews v = new BatchViews();
        try {
            v.fileView = CompactedTopicView.start(kafka, topics.batchFiles(), "ingress-batch-files-" + instanceId,
                    (id, value) -> {
                        if (value == null) {
                            v.files.remove(id);
                        } else {
                            v.files.put(id, BatchFile.fromJson(value));
                        }
                    }, Duration.ofSeconds(60));
            v.batchView = CompactedTopicView.start(kafka, topics.batchState(), "ingress-batch-states-" + instanceId,
                    (id, value) -> {
                        if (value == null) {
                            v.batches.remove(id);
                        } else {
                            v.update(BatchState.fromJson(value));
                        }
                    }, Duration.ofSeconds(60));
            return v;
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
    }

    /** The file, when it exists and belongs to {@code subscriptionId}. */
    BatchFile file(String id, String subscriptionId) {
        BatchFile f = id == null ? null : files.get(id);
        return f != null && f.subscriptionId().equals(subscriptionId) ? f : null;
    }

    /** The batch, when it exists and belongs to {@code subscriptionId}. */
    BatchState batch(String id, String subscriptionId) {
        BatchState b = id == null ? null : batches.get(id);
        return b != null && b.subscriptionId().equals(subscriptionId) ? b : null;
    }

    /** The subscription's batches, newest first. */
    List<BatchState> batchesOf(String subscriptionId) {
        return batches.values().stream().filter(b -> b.subscriptionId().equals(subscriptionId))
                .sorted(Comparator.comparingLong((BatchState b) -> b.batch().createdAt()).reversed()
                        .thenComparing(b -> b.batch().id()))
                .toList();
    }

    /** The subscription's uploads, newest first. */
    List<BatchFile> filesOf(String subscriptionId) {
        return files.values().stream().filter(f -> f.subscriptionId().equals(subscriptionId))
                .sorted(Comparator.comparingLong(BatchFile::createdAt).reversed().thenComparing(BatchFile::id))
                .toList();
    }

    void remember(BatchFile file) {
        files.putIfAbsent(file.id(), file);
    }

    void remember(BatchState state) {
        batches.putIfAbsent(state.batch().id(), state);
    }

    /** A newer state of a batch; a cancel already known is kept (see {@link BatchState#latest}). */
    void update(BatchState state) {
        batches.compute(state.batch().id(), (id, known) -> BatchState.latest(known, state));
    }

    void forget(BatchFile file) {
        files.remove(file.id());
    }

    @Override
    public void close() {
        if (fileView != null) {
            fileView.close();
        }
        if (batchView != null) {
            batchView.close();
        }
    }
}
