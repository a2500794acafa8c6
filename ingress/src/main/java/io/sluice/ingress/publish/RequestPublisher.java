package io.sluice.ingress.publish;

import io.sluice.records.Attributes;
import io.sluice.records.Hop;
import io.sluice.records.PromptRecord;
import io.sluice.records.TopicNames;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts accepted requests on the requests topic, keyed by their counter key (the subscription, or
 * finer when its limits count per key, header or IP), and cancellations on theirs.
 */
public final class RequestPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(RequestPublisher.class);

    private final Producer<String, byte[]> producer;
    private final TopicNames topics;

    public RequestPublisher(Producer<String, byte[]> producer, TopicNames topics) {
        this.producer = producer;
        this.topics = topics;
    }

    /** Fetches topic metadata now, so the first request does not wait for it. */
    public void warmUp() {
        producer.partitionsFor(topics.requests());
        producer.partitionsFor(topics.cancels());
    }

    /** Sends the request; {@code onFailure} runs (on a Kafka thread) when it could not be queued. */
    public void publish(PromptRecord prompt, long receivedMicros, Consumer<Exception> onFailure) {
        Headers headers = prompt.toHeaders();
        Hop.INGRESS_RECEIVED.stamp(headers, receivedMicros);
        try {
            String counterKey = prompt.attribute(Attributes.COUNTER_KEY);
            String key = counterKey == null ? prompt.subscriptionId() : counterKey;
            producer.send(new ProducerRecord<>(topics.requests(), null, key, prompt.body(), headers),
                    (meta, e) -> {
                        if (e != null) {
                            LOG.warn("request {}: could not be queued: {}", prompt.requestId(), e.toString());
                            onFailure.accept(e);
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warn("request {}: could not be queued: {}", prompt.requestId(), e.toString());
            onFailure.accept(e);
        }
    }

    /** Tells egress the client of {@code requestId} is gone, so it can stop the backend call. */
    public void cancel(String requestId) {
        try {
            producer.send(new ProducerRecord<>(topics.cancels(), requestId, new byte[0]));
        } catch (RuntimeException e) {
            LOG.debug("request {}: cancellation not sent: {}", requestId, e.toString());
        }
    }
}
