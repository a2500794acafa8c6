package io.sluice.egress.safety;

import io.sluice.egress.dispatch.DispatchConsumer;
import io.sluice.kafka.KafkaSettings;
import io.sluice.records.MalformedRecordException;
import io.sluice.records.TopicNames;
import io.sluice.records.safety.SafetyCheckRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous half of the prompt-side external checks: reads check requests in a consumer
 * group (many in flight), calls the services without blocking, and writes each verdict to the same
 * partition of the verdicts topic, where the processors' safety stage waits for it.
 */
public final class SafetyCheckWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SafetyCheckWorker.class);

    private final ExternalChecks checks;
    private final Producer<String, byte[]> producer;
    private final TopicNames topics;
    private final DispatchConsumer consumer;

    private SafetyCheckWorker(ExternalChecks checks, Producer<String, byte[]> producer, TopicNames topics,
            KafkaSettings kafka, String groupId, String instanceId, int maxInFlight) {
        this.checks = checks;
        this.producer = producer;
        this.topics = topics;
        this.consumer = new DispatchConsumer(new KafkaConsumer<>(kafka.hotPathConsumer("safety-" + instanceId,
                groupId)), topics.safetyChecks(), this::handle, maxInFlight, "safety-check-worker");
    }

    /** Starts reading; {@code groupId} is shared by every egress instance. */
    public static SafetyCheckWorker start(ExternalChecks checks, Producer<String, byte[]> producer, TopicNames topics,
            KafkaSettings kafka, String groupId, String instanceId, int maxInFlight) {
        SafetyCheckWorker worker = new SafetyCheckWorker(checks, producer, topics, kafka, groupId, instanceId,
                maxInFlight);
        worker.consumer.start();
        return worker;
    }

    private void handle(ConsumerRecord<String, byte[]> record, Runnable done) {
        SafetyCheckRequest request;
        try {
            request = SafetyCheckRequest.fromJson(record.value());
        } catch (MalformedRecordException e) {
            LOG.warn("skipping malformed safety check at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            done.run();
            return;
        }
        checks.run(request).onComplete(ar -> {
            if (ar.failed()) {
                LOG.error("request {}: safety checks failed unexpectedly", request.requestId(), ar.cause());
                done.run();
                return;
            }
            producer.send(new ProducerRecord<>(topics.safetyVerdicts(), record.partition(), request.requestId(),
                    ar.result().toJsonBytes(), record.headers()), (meta, e) -> {
                        if (e != null) {
                            LOG.warn("request {}: could not write the safety verdict: {}", request.requestId(),
                                    e.toString());
                        }
                        done.run();
                    });
        });
    }

    @Override
    public void close() {
        consumer.close();
    }
}
