package io.sluice.launcher;

import io.sluice.records.batch.BatchHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Batch throughput on the Kafka path against a running gateway: produces N lines to
 * {@code <prefix>batch.requests} (batched, as a bulk producer would) and reads the results topic
 * (read_committed) until N results are there. Prints lines per second from the first line produced
 * to the last result read; no verdict. Start the gateway first (e.g. {@code ./sluice run}).
 *
 * <pre>mvn -B -q -pl launcher test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.sluice.launcher.BatchThroughputBenchmark \
 *     -Dexec.args="127.0.0.1:9092 sluice. sk-sluice-demo 10000"</pre>
 */
public final class BatchThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        String prefix = args.length > 1 ? args[1] : "sluice.";
        String key = args.length > 2 ? args[2] : "sk-sluice-demo";
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        String results = prefix + "batch.results";
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 10,
                        ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            List<TopicPartition> parts = consumer.partitionsFor(results).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            consumer.assign(parts);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(parts));
            ends.forEach(consumer::seek);
            String run = Long.toString(System.currentTimeMillis(), 36);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String id = "tp-" + run + "-" + i;
                ProducerRecord<String, String> r = new ProducerRecord<>(prefix + "batch.requests", id,
                        "{\"custom_id\":\"" + id + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                                + "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":"
                                + "\"Throughput question " + i + "\"}]}}");
                r.headers().add(BatchHeaders.API_KEY, key.getBytes(StandardCharsets.UTF_8));
                producer.send(r);
            }
            producer.flush();
            double produced = (System.nanoTime() - t0) / 1e9;
            int seen = 0;
            long last = System.nanoTime();
            while (seen < n && System.nanoTime() - last < Duration.ofSeconds(60).toNanos()) {
                for (var rec : consumer.poll(Duration.ofMillis(200))) {
                    if (rec.key() != null && rec.key().startsWith("tp-" + run + "-")) {
                        seen++;
                        last = System.nanoTime();
                    }
                }
            }
            double total = (last - t0) / 1e9;
            System.out.printf("produced %d lines in %.2f s; %d results after %.2f s: %.0f lines/s%n", n, produced,
                    seen, total, seen / total);
        }
    }
}
