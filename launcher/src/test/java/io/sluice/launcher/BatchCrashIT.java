package io.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.launcher.config.ConfigLoader;
import io.sluice.launcher.config.SluiceConfig;
import io.sluice.records.Json;
import io.sluice.records.UsageEvent;
import io.sluice.testing.FreePort;
import io.sluice.testing.TestKafka;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly one result and one usage event per batch line when roles crash: the egress and the
 * processors each run as their own gateway process (the packaged jar) and are killed with SIGKILL
 * mid-batch, then started again against the same broker; ingress runs in this JVM.
 */
class BatchCrashIT {

    private static final Path JAR = Path.of("target", "sluice.jar");
    private static final int LINES = 600;

    @TempDir
    Path dir;

    private final String prefix = "c" + UUID.randomUUID().toString().substring(0, 8) + ".";

    /**
     * The config of one role. A short consumer session (the broker's minimum) lets a restarted role
     * take over the partitions of the one killed in a few seconds instead of the default 45.
     */
    private String yaml(String roles, String extra) {
        return """
                roles: [%s]
                kafka: { bootstrap-servers: "%s", topic-prefix: "%s", partitions: 2, replication-factor: 1,
                         client: { session.timeout.ms: "6000", heartbeat.interval.ms: "1000" } }
                server: { port: %d, instance-id: %s }
                processors: { state-dir: "%s" }
                simulator: { enabled: true, latency-ms: 100 }
                batch: { max-in-flight: 12 }
                observability: { enabled: false }
                %s
                """.formatted(roles, TestKafka.shared().bootstrapServers(), prefix, FreePort.find(),
                roles.replace(",", "").replace(" ", "") + "-" + UUID.randomUUID().toString().substring(0, 6),
                dir.resolve("streams-" + UUID.randomUUID()), extra);
    }

    private Process launch(String name, String roles, List<String> out) throws Exception {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, yaml(roles, ""));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", JAR.toString(), "run", "--config", config.toString())
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(name + ": " + line);
                }
            } catch (Exception ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> !p.isAlive()
                || out.stream().anyMatch(l -> l.startsWith(name + ": ") && l.contains("Sluice is running")));
        assertThat(p.isAlive()).as(String.join("\n", out)).isTrue();
        return p;
    }

    private static void kill(Process p) throws Exception {
        p.destroyForcibly();
        p.waitFor();
    }

    @Test
    void killingEgressAndProcessorsMidBatchStillGivesExactlyOneResultAndOneUsageEventPerLine() throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        SluiceConfig ingressConfig = ConfigLoader.withSystemEnv().loadString("ingress.yaml", yaml("ingress", ""));
        Map<String, Integer> usage = new ConcurrentHashMap<>();
        Process egress = null;
        Process processors = null;
        try (Gateway ingress = Gateway.start(ingressConfig, Clock.systemUTC());
                UsageReader reader = new UsageReader(prefix, usage)) {
            processors = launch("processors", "processors", out);
            egress = launch("egress", "egress", out);
            String base = "http://127.0.0.1:" + ingress.port();
            String fileId = Multipart.upload(base, ConfigLoader.DEMO_KEY, "crash.jsonl", String.join("\n",
                    IntStream.rangeClosed(1, LINES).mapToObj(i -> BatchApiIT.chatLine("x-" + i, "line " + i)).toList()));
            String id = Http.json(Http.call("POST", base + "/v1/batches", ConfigLoader.DEMO_KEY,
                    "{\"input_file_id\":\"" + fileId + "\",\"endpoint\":\"/v1/chat/completions\","
                            + "\"completion_window\":\"24h\"}")).path("id").asText();

            await().atMost(Duration.ofSeconds(60)).until(() -> done(base, id) >= 100);
            kill(egress);
            egress = launch("egress2", "egress", out);
            await().atMost(Duration.ofSeconds(60)).until(() -> done(base, id) >= 300);
            kill(processors);
            processors = launch("processors2", "processors", out);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "completed".equals(batch(base, id).path("status").asText()));
            JsonNode end = batch(base, id);
            assertThat(end.path("request_counts").path("completed").asLong()).isEqualTo(LINES);
            assertThat(end.path("request_counts").path("failed").asLong()).isZero();

            String output = Http.call("GET", base + "/v1/files/" + end.path("output_file_id").asText() + "/content",
                    ConfigLoader.DEMO_KEY, null).body();
            Set<String> customIds = new HashSet<>();
            Set<String> requestIds = new HashSet<>();
            String[] lines = output.split("\n");
            for (String line : lines) {
                JsonNode n = Json.MAPPER.readTree(line);
                customIds.add(n.path("custom_id").asText());
                requestIds.add(n.path("id").asText());
            }
            assertThat(lines).hasSize(LINES);
            assertThat(customIds).hasSize(LINES);

            await().atMost(Duration.ofSeconds(60)).until(() -> requestIds.stream().allMatch(usage::containsKey));
            // and no second event arrives for any line
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> requestIds.stream().allMatch(r -> usage.get(r) == 1));
            assertThat(usage.keySet().stream().filter(k -> k.startsWith("batch_req_")).count()).isEqualTo(LINES);
            System.out.println("BatchCrashIT: egress wrote " + outcomesWritten() + " outcomes for " + LINES
                    + " lines (the repeats were dropped)");
        } finally {
            if (egress != null) {
                kill(egress);
            }
            if (processors != null) {
                kill(processors);
            }
        }
    }

    /** Outcome records egress wrote (not transactional: the end offsets count them). */
    private long outcomesWritten() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.shared().bootstrapServers(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            var parts = c.partitionsFor(prefix + "batch.outcomes").stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static JsonNode batch(String base, String id) {
        return Http.json(Http.call("GET", base + "/v1/batches/" + id, ConfigLoader.DEMO_KEY, null));
    }

    private static long done(String base, String id) {
        JsonNode c = batch(base, id).path("request_counts");
        return c.path("completed").asLong() + c.path("failed").asLong();
    }

    /** Counts usage events per request id, as a billing consumer reads them (committed only). */
    private static final class UsageReader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        UsageReader(String prefix, Map<String, Integer> counts) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestKafka.shared().bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "usage-" + prefix,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
            consumer.subscribe(List.of(prefix + "usage"));
            thread = new Thread(() -> {
                while (running) {
                    consumer.poll(Duration.ofMillis(100)).forEach(r ->
                            counts.merge(UsageEvent.fromJson(r.value()).requestId(), 1, Integer::sum));
                }
                consumer.close();
            }, "crash-usage-reader");
            thread.start();
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(5_000);
        }
    }
}
