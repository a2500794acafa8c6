package io.sluice.egress.governance;

import io.sluice.egress.finish.FinishListener;
import io.sluice.records.Attributes;
import io.sluice.records.PromptRecord;
import io.sluice.records.TopicNames;
import io.sluice.records.UsageEvent;
import io.sluice.records.governance.Reconciliation;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Returns a finished request's real usage to the quota counter that reserved tokens for it: a
 * reconciliation on the reconcile topic, keyed by the counter key, so it reaches the partition
 * (and the one writer) of that counter. Requests without a reservation send nothing.
 */
public final class ReconcileWriter implements FinishListener {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileWriter.class);

    private final Producer<String, byte[]> producer;
    private final TopicNames topics;

    public ReconcileWriter(Producer<String, byte[]> producer, TopicNames topics) {
        this.producer = producer;
        this.topics = topics;
    }

    @Override
    public void finished(PromptRecord prompt, UsageEvent usage, Answer answer) {
        String counterKey = prompt.attribute(Attributes.COUNTER_KEY);
        if (prompt.attribute(Attributes.QUOTA_RESERVED) == null || counterKey == null) {
            return;
        }
        Reconciliation r = new Reconciliation(prompt.requestId(), counterKey, usage.status(), usage.promptTokens(),
                usage.completionTokens());
        producer.send(new ProducerRecord<>(topics.quotaReconcile(), counterKey, r.toJsonBytes()), (meta, e) -> {
            if (e != null) {
                // the reservation is released when it expires, after the request's deadline
                LOG.warn("request {}: reconciliation not written: {}", prompt.requestId(), e.toString());
            }
        });
    }
}
