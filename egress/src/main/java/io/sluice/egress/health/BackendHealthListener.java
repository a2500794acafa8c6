package io.sluice.egress.health;

import io.sluice.kafka.ConsumerLoop;
import io.sluice.kafka.TopicPartitions;
import io.sluice.records.BackendHealth;
import io.sluice.records.MalformedRecordException;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the backend-health topic from the beginning, then live (no consumer
 * group: every instance sees every change), and hands each change to {@code sink}.
 */
public final class BackendHealthListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackendHealthListener.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Consumer<BackendHealth> sink;
    private final ConsumerLoop loop;

    public BackendHealthListener(KafkaConsumer<String, byte[]> consumer, String topic, Consumer<BackendHealth> sink,
            String threadName) {
        this.consumer = consumer;
        this.topic = topic;
        this.sink = sink;
        this.loop = ConsumerLoop.of(consumer, threadName)
                .pollTimeout(Duration.ofMillis(500))
                .onRecord(r -> deliver(r.value()))
                .stoppedMessage("backend-health listener stopped")
                .build();
    }

    /**
     * Assigns the partitions and waits (up to 10 s) until what the topic holds has been delivered
     * before returning, so breakers start informed.
     */
    public void start() {
        try {
            loop.startFromBeginning(TopicPartitions.of(consumer, topic, START_TIMEOUT), START_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        loop.close();
    }
}
