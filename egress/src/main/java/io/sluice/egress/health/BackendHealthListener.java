package io.sluice.egress.health;

import io.sluice.records.BackendHealth;
import io.sluice.records.MalformedRecordException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the backend-health topic from the beginning, then live (no consumer
 * group: every instance sees every change), and hands each change to {@code sink}.
 */
public final class BackendHealthListener implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackendHealthListener.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Consumer<BackendHealth> sink;
    private final Thread thread;
    private volatile boolean running = true;

    public BackendHealthListener(KafkaConsumer<String, byte[]> consumer, String topic, Consumer<BackendHealth> sink,
            String threadName) {
        this.consumer = consumer;
        this.topic = topic;
        this.sink = sink;
        this.thread = new Thread(this, threadName);
        this.thread.setDaemon(true);
    }

    /** Assigns the partitions and reads what the topic holds before returning, so breakers start informed. */
    public void start() {
        List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        var end = consumer.endOffsets(parts, Duration.ofSeconds(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(r -> deliver(r.value()));
        }
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> deliver(r.value()));
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("backend-health listener stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void deliver(byte[] value) {
        if (value == null) {
            return;
        }
        try {
            sink.accept(BackendHealth.fromJson(value));
        } catch (MalformedRecordException e) {
            LOG.warn("skipping a malformed backend-health record: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            if (thread.isAlive()) {
                thread.join(5_000);
            } else {
                consumer.close(Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
