package io.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.launcher.config.ConfigLoader;
import io.sluice.records.Json;
import io.sluice.records.SluiceHeaders;
import io.sluice.records.UsageEvent;
import io.sluice.records.batch.BatchHeaders;
import io.sluice.testing.TestKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batch prompts straight on Kafka: lines produced to batch.requests, results read from batch.results. */
class BatchTopicIT {

    private static GatewayFixture fx;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() throws Exception {
        fx = new GatewayFixture("");
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.shared().bootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 5));
    }

    @AfterAll
    static void stop() throws Exception {
        producer.close();
        fx.close();
    }

    private static void produce(String customId, String line, Map<String, String> headers) {
        ProducerRecord<String, String> r = new ProducerRecord<>(fx.prefix + "batch.requests", customId, line);
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(r);
    }

    private static Map<String, String> key() {
        return Map.of(BatchHeaders.API_KEY, ConfigLoader.DEMO_KEY);
    }

    /** Reads {@code topic} (committed records only) until {@code n} records have arrived; custom_id → record. */
    private static Map<String, ConsumerRecord<String, byte[]>> read(String topic, int n) {
        Map<String, ConsumerRecord<String, byte[]>> out = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "results-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            c.subscribe(List.of(topic));
            int[] count = {0};
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> {
                    count[0]++;
                    out.put(r.key(), r);
                });
                return count[0] >= n;
            });
            assertThat(count[0]).as("no more than one result per line").isEqualTo(n);
        }
        return out;
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> r) throws IOException {
        return Json.MAPPER.readTree(r.value());
    }

    @Test
    void linesProducedToKafkaGetOneResultEachKeyedByCustomIdAndOneUsageEvent() throws Exception {
        for (int i = 1; i <= 30; i++) {
            produce("k-" + i, BatchApiIT.chatLine("k-" + i, "Kafka question " + i), key());
        }
        produce("bad", "{\"custom_id\":\"bad\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\"}", key());
        produce("nokey", BatchApiIT.chatLine("nokey", "who am I"), Map.of());
        producer.flush();

        Map<String, ConsumerRecord<String, byte[]>> results = read(fx.prefix + "batch.results", 32);
        for (int i = 1; i <= 30; i++) {
            JsonNode line = json(results.get("k-" + i));
            assertThat(line.path("custom_id").asText()).isEqualTo("k-" + i);
            assertThat(line.path("response").path("status_code").asInt()).isEqualTo(200);
            assertThat(line.path("response").path("body").path("choices").size()).isEqualTo(1);
            String requestId = line.path("id").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> fx.usage(requestId) != null);
            UsageEvent usage = fx.usage(requestId);
            assertThat(usage.mode()).isEqualTo(UsageEvent.MODE_BATCH);
            assertThat(usage.customId()).isEqualTo("k-" + i);
            assertThat(fx.usageCount(requestId)).isEqualTo(1);
        }
        assertThat(json(results.get("bad")).path("error").path("code").asText()).isEqualTo("missing_body");
        assertThat(SluiceHeaders.get(results.get("bad").headers(), SluiceHeaders.STATUS)).isEqualTo("400");
        assertThat(json(results.get("nokey")).path("error").path("code").asText()).isEqualTo("missing_api_key");
    }

    @Test
    void resultsGoToTheTopicNamedInTheReplyToHeader() throws Exception {
        String mine = "team-a-results-" + System.nanoTime();
        try (var admin = TestKafka.shared().admin()) {
            admin.createTopics(List.of(new NewTopic(mine, 1, (short) 1))).all().get();
        }
        produce("r-1", BatchApiIT.chatLine("r-1", "to my topic"), Map.of(BatchHeaders.API_KEY, ConfigLoader.DEMO_KEY,
                BatchHeaders.REPLY_TO, mine, BatchHeaders.BATCH_ID, "nightly-42"));
        producer.flush();
        ConsumerRecord<String, byte[]> r = read(mine, 1).get("r-1");
        assertThat(json(r).path("response").path("status_code").asInt()).isEqualTo(200);
        assertThat(SluiceHeaders.get(r.headers(), BatchHeaders.BATCH_ID)).isEqualTo("nightly-42");
        String requestId = json(r).path("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> fx.usage(requestId) != null);
        assertThat(fx.usage(requestId).batchId()).isEqualTo("nightly-42");
    }
}
