package io.sluice.ingress.cache;

import io.sluice.kafka.KafkaSettings;
import io.sluice.records.MalformedRecordException;
import io.sluice.records.cache.CacheScopeStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest cache statistics of every scope in every partition, read from the compacted
 * cache-stats topic from its beginning and followed. Any ingress instance can answer
 * {@code GET /admin/cache} from it, wherever the processors run.
 */
public final class CacheStatsView implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CacheStatsView.class);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Map<String, CacheScopeStats> rows = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    CacheStatsView(Consumer<String, byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
        this.thread = new Thread(this, "cache-stats-reader");
        this.thread.setDaemon(true);
    }

    public static CacheStatsView start(KafkaSettings kafka, String topic, String clientId) {
        Map<String, Object> props = kafka.hotPathConsumer(clientId, null);
        // written in the processors' transactions
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        CacheStatsView view = new CacheStatsView(new KafkaConsumer<>(props), topic);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : view.consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        view.consumer.assign(partitions);
        view.consumer.seekToBeginning(partitions);
        view.thread.start();
        return view;
    }

    /** Every scope-and-partition row, as last published. */
    public List<CacheScopeStats> rows() {
        return List.copyOf(rows.values());
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("cache statistics reader of {} stopped", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
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
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
