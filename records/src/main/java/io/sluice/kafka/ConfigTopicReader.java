package io.sluice.kafka;

import io.sluice.records.TopicNames;
import io.sluice.records.governance.GovernanceView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Keeps a {@link GovernanceView} up to date: reads every partition of the config and spend topics
 * from the beginning, then follows them. {@link #start} returns once the view has caught up with
 * what the topics held at start, so a role that waits for it never serves with a stale view.
 */
public final class ConfigTopicReader implements AutoCloseable {

    private final TopicNames topics;
    private final GovernanceView view;
    private final ConsumerLoop loop;

    ConfigTopicReader(Consumer<String, byte[]> consumer, TopicNames topics, GovernanceView view) {
        this.topics = topics;
        this.view = view;
        this.loop = ConsumerLoop.of(consumer, "governance-config-reader")
                .onRecord(this::apply)
                .stoppedMessage("configuration reader stopped; runtime configuration changes no longer reach this "
                        + "instance")
                .build();
    }

    /** Starts reading and waits until the view holds everything the topics held at start. */
    public static ConfigTopicReader start(KafkaSettings kafka, TopicNames topics, GovernanceView view, String clientId,
            Duration catchUpTimeout) {
        Map<String, Object> props = kafka.hotPathConsumer(clientId, null);
        // The spend topic is written in the ledger's transactions: only committed spend counts.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ConfigTopicReader reader = new ConfigTopicReader(new KafkaConsumer<>(props), topics, view);
        reader.loop.startCaughtUp(List.of(topics.config(), topics.spend()), catchUpTimeout,
                "the configuration topic " + topics.config());
        return reader;
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.topic().equals(topics.config())) {
            view.applyConfig(r.key(), r.value());
        } else {
            view.applySpend(r.key(), r.value());
        }
        view.markApplied(r.topic() + "-" + r.partition(), r.offset());
    }

    @Override
    public void close() {
        loop.close();
    }
}
