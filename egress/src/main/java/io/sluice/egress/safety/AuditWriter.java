package io.sluice.egress.safety;

import io.sluice.records.TopicNames;
import io.sluice.records.safety.AuditEvent;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes egress's audit events (response-side decisions) to the audit topic, keyed by request id. */
public final class AuditWriter implements Consumer<AuditEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

    private final Producer<String, byte[]> producer;
    private final String topic;

    public AuditWriter(Producer<String, byte[]> producer, TopicNames topics) {
        this.producer = producer;
        this.topic = topics.audit();
    }

    @Override
    public void accept(AuditEvent event) {
        producer.send(new ProducerRecord<>(topic, event.requestId(), event.toJsonBytes()), (meta, e) -> {
            if (e != null) {
                LOG.warn("request {}: could not write the audit event: {}", event.requestId(), e.toString());
            }
        });
    }
}
