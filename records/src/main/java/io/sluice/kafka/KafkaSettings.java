package io.sluice.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How every Sluice role connects to Kafka: the bootstrap servers, extra client properties from
 * the config (security settings, for example), and the latency-first defaults of the hot path.
 *
 * @param clientOverrides properties applied last to every client Sluice creates
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientOverrides) {

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        clientOverrides = clientOverrides == null ? Map.of() : Map.copyOf(clientOverrides);
    }

    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of());
    }

    public Map<String, Object> common(String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return p;
    }

    /**
     * A producer for the hot path: records are sent as soon as they are produced (linger 0),
     * durably (acks=all) and without duplicates on retry (idempotence). One request in flight per
     * connection batches adaptively: an idle producer sends each record at once, a busy one sends
     * what queued up behind the request in flight together, so the broker sees fewer, fuller
     * requests under load without any timed wait.
     */
    public Map<String, Object> hotPathProducer(String clientId) {
        Map<String, Object> p = common(clientId);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.putAll(clientOverrides);
        return p;
    }

    /**
     * A producer for records no client waits for (usage events, cancellations): batched for up to
     * {@code lingerMs}, which saves broker and client work per record.
     */
    public Map<String, Object> backgroundProducer(String clientId, int lingerMs) {
        Map<String, Object> p = hotPathProducer(clientId);
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.putAll(clientOverrides);
        return p;
    }

    /**
     * A consumer for the hot path: a fetch returns as soon as one byte is there; uncommitted
     * records are read too, because every hot-path reader deduplicates by request id.
     */
    public Map<String, Object> hotPathConsumer(String clientId, String groupId) {
        Map<String, Object> p = common(clientId);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.putAll(clientOverrides);
        return p;
    }

    public Map<String, Object> admin(String clientId) {
        Map<String, Object> p = common(clientId);
        p.putAll(clientOverrides);
        return p;
    }
}
