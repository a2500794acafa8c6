package io.sluice.launcher;

import io.sluice.egress.EgressRole;
import io.sluice.egress.batch.BatchWorker;
import io.sluice.ingress.auth.KeyDirectory;
import io.sluice.ingress.batch.BatchApi;
import io.sluice.ingress.http.RouteContributor;
import io.sluice.kafka.KafkaSettings;
import io.sluice.launcher.config.BatchSection;
import io.sluice.processors.batch.BatchCaller;
import io.sluice.processors.batch.BatchKeys;
import io.sluice.processors.batch.BatchSettings;
import io.sluice.processors.batch.ReplyTopics;
import io.sluice.records.ApiError;
import io.sluice.records.TopicNames;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * Batch lines in one process: the processors' settings (keys from the same directory ingress uses,
 * result topics checked on the cluster), the egress batch worker, and the Files and Batch API.
 */
final class BatchRuntime implements AutoCloseable {

    /** How long a result topic found to exist (or not) is believed. */
    static final long KNOWN_FOR_MS = 60_000;
    static final long MISSING_FOR_MS = 10_000;

    private final BatchSection.Batch batch;
    private final KafkaSettings kafka;
    private final TopicNames names;
    private final Map<String, Long> existsUntil = new ConcurrentHashMap<>();
    private final Map<String, Long> missingUntil = new ConcurrentHashMap<>();
    private Admin admin;
    private BatchWorker worker;
    private BatchApi api;

    BatchRuntime(BatchSection.Batch batch, KafkaSettings kafka, TopicNames names) {
        this.batch = batch;
        this.kafka = kafka;
        this.names = names;
    }

    boolean enabled() {
        return batch.enabled();
    }

    /** The processors' batch settings, or null when batch lines are off. */
    BatchSettings processorsSettings(KeyDirectory keys) {
        if (!batch.enabled()) {
            return null;
        }
        return new BatchSettings(adapt(keys), topicCheck(), batch.interactiveReserve(),
                batch.defaultCompletionWindow(), Duration.ofMinutes(2));
    }

    /** The same keys, and the same refusals, as interactive requests get. */
    private static BatchKeys adapt(KeyDirectory keys) {
        return new BatchKeys() {
            @Override
            public Optional<BatchCaller> find(String presentedKey) {
                return keys.find(presentedKey).map(c -> new BatchCaller(c.keyId(), c.subscriptionId(),
                        c.counterScope(), c.models()));
            }

            @Override
            public ApiError refusal(String presentedKey) {
                return keys.refusal(presentedKey);
            }
        };
    }

    /** Asks the cluster, and remembers the answer for a while (the check runs on a stream thread). */
    private synchronized ReplyTopics topicCheck() {
        if (admin == null) {
            admin = Admin.create(kafka.admin("sluice-batch-topics"));
        }
        return topic -> {
            long now = System.currentTimeMillis();
            if (existsUntil.getOrDefault(topic, 0L) > now) {
                return true;
            }
            if (missingUntil.getOrDefault(topic, 0L) > now) {
                return false;
            }
            boolean exists;
            try {
                Set<String> found = admin.listTopics().names().get(5, TimeUnit.SECONDS);
                exists = found.contains(topic);
            } catch (Exception e) {
                // the cluster did not answer: assume it is there rather than send the line's result elsewhere
                return true;
            }
            (exists ? existsUntil : missingUntil).put(topic, now + (exists ? KNOWN_FOR_MS : MISSING_FOR_MS));
            return exists;
        };
    }

    void startWorker(EgressRole egress, String instanceId) {
        if (batch.enabled()) {
            worker = BatchWorker.start(batch.egress(), names, kafka, egress, instanceId, names.prefix() + "egress-batch");
        }
    }

    /** The Files and Batch API, or null when batch lines are off. */
    RouteContributor api(KeyDirectory keys, String instanceId, Clock clock) {
        if (batch.enabled()) {
            api = BatchApi.start(batch.ingress(), keys, kafka, names, instanceId, clock);
        }
        return api;
    }

    BatchWorker worker() {
        return worker;
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        if (worker != null) {
            worker.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
