package io.sluice.ingress.cache;

import io.sluice.kafka.ConsumerLoop;
import io.sluice.kafka.KafkaSettings;
import io.sluice.kafka.TopicPartitions;
import io.sluice.records.MalformedRecordException;
import io.sluice.records.cache.CacheScopeStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest cache statistics of every scope in every partition, read from the compacted
 * cache-stats topic from its beginning and followed. Any ingress instance can answer
 * {@code GET /admin/cache} from it, wherever the processors run.
 */
public final class CacheStatsView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CacheStatsView.class);

    private final Map<String, CacheScopeStats> rows = new ConcurrentHashMap<>();
    private final ConsumerLoop loop;

    CacheStatsView(Consumer<String, byte[]> consumer, String topic) {
        this.loop = ConsumerLoop.of(consumer, "cache-stats-reader")
                .pollTimeout(Duration.ofMillis(200))
                .onRecord(this::apply)
                .stoppedMessage("cache statistics reader of " + topic + " stopped")
                .build();
    }

    public static CacheStatsView start(KafkaSettings kafka, String topic, String clientId) {
        Map<String, Object> props = kafka.hotPathConsumer(clientId, null);
        // written in the processors' transactions
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Consumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        CacheStatsView view = new CacheStatsView(consumer, topic);
        List<TopicPartition> partitions = TopicPartitions.of(consumer, topic, Duration.ofSeconds(30));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        view.loop.start();
        return view;
    }

    /** Every scope-and-partition row, as last published. */
    public List<CacheScopeStats> rows() {
        return List.copyOf(rows.values());
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            rows.remove(r.key());
            return;
        }
        try {
            rows.put(r.key(), CacheScopeStats.fromJson(r.value()));
        } catch (MalformedRecordException e) {
            LOG.warn("skipping malformed cache statistics {}: {}", r.key(), e.getMessage());
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
