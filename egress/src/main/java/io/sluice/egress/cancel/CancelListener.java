package io.sluice.egress.cancel;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the cancels topic from its end (no consumer group: every egress
 * instance sees every cancellation) and hands each request id to {@code onCancel}.
 */
public final class CancelListener implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CancelListener.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Consumer<String> onCancel;
    private final Thread thread;
    private volatile boolean running = true;

    public CancelListener(KafkaConsumer<String, byte[]> consumer, String topic, Consumer<String> onCancel) {
        this.consumer = consumer;
        this.topic = topic;
        this.onCancel = onCancel;
        this.thread = new Thread(this, "egress-cancels");
        this.thread.setDaemon(true);
    }

    public void start() {
        List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map((PartitionInfo p) -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.key() != null) {
                        onCancel.accept(r.key());
                    }
                });
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("cancel listener stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
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
