package io.sluice.egress.cancel;

import io.sluice.kafka.ConsumerLoop;
import io.sluice.kafka.TopicPartitions;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads every partition of the cancels topic from its end (no consumer group: every egress
 * instance sees every cancellation) and hands each request id to {@code onCancel}.
 */
public final class CancelListener implements AutoCloseable {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final ConsumerLoop loop;

    public CancelListener(KafkaConsumer<String, byte[]> consumer, String topic, Consumer<String> onCancel) {
        this.consumer = consumer;
        this.topic = topic;
        this.loop = ConsumerLoop.of(consumer, "egress-cancels")
                .pollTimeout(Duration.ofMillis(500))
                .onRecord(r -> {
                    if (r.key() != null) {
                        onCancel.accept(r.key());
                    }
                })
                .stoppedMessage("cancel listener stopped")
                .build();
    }

    public void start() {
        loop.startFromEnd(TopicPartitions.of(consumer, topic, METADATA_TIMEOUT), METADATA_TIMEOUT);
    }

    @Override
    public void close() {
        loop.close();
    }
}
