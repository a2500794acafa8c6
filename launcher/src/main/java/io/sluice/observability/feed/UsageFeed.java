package io.sluice.observability.feed;

import io.sluice.kafka.ConsumerLoop;
import io.sluice.kafka.KafkaSettings;
import io.sluice.kafka.TopicPartitions;
import io.sluice.records.MalformedRecordException;
import io.sluice.records.UsageEvent;
import io.sluice.records.safety.AuditEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the usage topic (one event per finished request, deduplicated and priced by the ledger)
 * and the audit topic in a consumer group every instance joins, so each event is handled by one
 * instance: counted in its metrics and written to its request log. Committed events only. A new
 * group starts at the time this process started, not at the topic's beginning.
 */
public final class UsageFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageFeed.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String usageTopic;
    private final String auditTopic;
    private final long startedAtMs;
    private final List<Consumer<UsageEvent>> usage;
    private final List<Consumer<AuditEvent>> audit;
    private final ConsumerLoop loop;

    public UsageFeed(KafkaSettings kafka, String groupId, String clientId, String usageTopic, String auditTopic,
            long startedAtMs, List<Consumer<UsageEvent>> usage, List<Consumer<AuditEvent>> audit) {
        Map<String, Object> p = new HashMap<>(kafka.hotPathConsumer(clientId, groupId));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
        p.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 1_000);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(p);
        this.usageTopic = usageTopic;
        this.auditTopic = auditTopic;
        this.startedAtMs = startedAtMs;
        this.usage = List.copyOf(usage);
        this.audit = List.copyOf(audit);
        this.loop = ConsumerLoop.of(consumer, "observability-usage-feed")
                .pollTimeout(Duration.ofMillis(200))
                .onRecord(this::handle)
                .stoppedMessage("usage feed stopped; metrics of finished requests are no longer counted here")
                .build();
    }

    public void start() {
        consumer.subscribe(List.of(usageTopic, auditTopic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                startNewPartitionsAtStartTime(partitions);
            }
        });
        loop.start();
    }

    /** Partitions the group never read start at this process's start time, so history is not counted again. */
    private void startNewPartitionsAtStartTime(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        Map<TopicPartition, Long> fresh = new HashMap<>();
        for (TopicPartition tp : partitions) {
            if (committed.get(tp) == null) {
                fresh.put(tp, startedAtMs);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        TopicPartitions.seekToTimes(consumer, fresh);
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        try {
            if (r.topic().equals(usageTopic)) {
                UsageEvent e = UsageEvent.fromJson(r.value());
                usage.forEach(c -> c.accept(e));
            } else {
                AuditEvent a = AuditEvent.fromJson(r.value());
                audit.forEach(c -> c.accept(a));
            }
        } catch (MalformedRecordException | IllegalArgumentException e) {
            LOG.warn("skipping unreadable record at {}-{}@{}", r.topic(), r.partition(), r.offset());
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
