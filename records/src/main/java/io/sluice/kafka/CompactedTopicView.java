package io.sluice.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a compacted topic in this process: reads every partition from the beginning (committed
 * records only), hands each record to {@code apply} in offset order, then keeps following.
 * {@link #start} returns once everything the topic held at start has been applied.
 */
public final class CompactedTopicView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicView.class);

    private final String topic;
    private final BiConsumer<String, byte[]> apply;
    private final ConsumerLoop loop;

    private CompactedTopicView(Consumer<String, byte[]> consumer, String topic, BiConsumer<String, byte[]> apply) {
        this.topic = topic;
        this.apply = apply;
        this.loop = ConsumerLoop.of(consumer, "view-" + topic)
                .onRecord(this::applyOrSkip)
                .stoppedMessage("view of " + topic + " stopped; changes no longer reach this instance")
                .build();
    }

    /** @param apply gets each record's key and value (null: deleted), on the view's own thread */
    public static CompactedTopicView start(KafkaSettings kafka, String topic, String clientId,
            BiConsumer<String, byte[]> apply, Duration catchUpTimeout) {
        Map<String, Object> props = kafka.hotPathConsumer(clientId, null);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        CompactedTopicView view = new CompactedTopicView(new KafkaConsumer<>(props), topic, apply);
        view.loop.startCaughtUp(List.of(topic), catchUpTimeout, "topic " + topic);
        return view;
    }

    private void applyOrSkip(ConsumerRecord<String, byte[]> r) {
        try {
            apply.accept(r.key(), r.value());
        } catch (RuntimeException e) {
            LOG.warn("ignoring a record of {} that could not be applied: {}", topic, e.toString());
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
