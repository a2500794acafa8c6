package io.sluice.egress.health;

import io.sluice.records.BackendHealth;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes this instance's breaker changes to the compacted backend-health topic, keyed by backend id. */
public final class BackendHealthPublisher implements Consumer<BackendHealth> {

    private static final Logger LOG = LoggerFactory.getLogger(BackendHealthPublisher.class);

    private final Producer<String, byte[]> producer;
    private final String topic;

    public BackendHealthPublisher(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public void accept(BackendHealth change) {
        if (change.isOpen()) {
            LOG.warn("backend {}: breaker open until {} ({})", change.backend(),
                    java.time.Instant.ofEpochMilli(change.openUntilMs()), change.reason());
        } else {
            LOG.info("backend {}: breaker closed ({})", change.backend(), change.reason());
        }
        producer.send(new ProducerRecord<>(topic, change.backend(), change.toJsonBytes()), (meta, e) -> {
            if (e != null) {
                LOG.warn("backend {}: breaker change not published: {}", change.backend(), e.toString());
            }
        });
    }
}
