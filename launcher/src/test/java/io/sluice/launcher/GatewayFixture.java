package io.sluice.launcher;

import io.sluice.launcher.config.ConfigLoader;
import io.sluice.launcher.config.SluiceConfig;
import io.sluice.records.UsageEvent;
import io.sluice.testing.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A whole gateway (all three roles and the built-in simulator) against the shared test broker,
 * on free ports and its own topic prefix, plus a reader of its usage topic.
 */
final class GatewayFixture implements AutoCloseable {

    final Gateway gateway;
    final String prefix;
    private final KafkaConsumer<String, byte[]> usageConsumer;
    private final Map<String, UsageEvent> usage = new ConcurrentHashMap<>();
    private final Map<String, Integer> usageCounts = new ConcurrentHashMap<>();
    private final Thread usageReader;
    private volatile boolean running = true;

    GatewayFixture(String extraYaml) throws Exception {
        this("", extraYaml);
    }

    /** @param serverYaml extra lines for the server section, each indented by two spaces */
    GatewayFixture(String serverYaml, String extraYaml) throws Exception {
        this(serverYaml, extraYaml, Clock.systemUTC());
    }

    /** @param clock the time every role of the gateway reads */
    GatewayFixture(String serverYaml, String extraYaml, Clock clock) throws Exception {
        this(serverYaml, extraYaml, clock, null);
    }

    /** @param spans receives every span the gateway records (instead of OTLP), or null */
    GatewayFixture(String serverYaml, String extraYaml, Clock clock,
            io.opentelemetry.sdk.trace.export.SpanExporter spans) throws Exception {
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Path state = Files.createTempDirectory("sluice-streams");
        String yaml = """
                kafka:
                  bootstrap-servers: %s
                  topic-prefix: %s
                  partitions: 2
                  replication-factor: 1
                server:
                  port: 0
                  instance-id: it-%s
                %s
                processors:
                  state-dir: %s
                simulator:
                  enabled: true
                %s
                """.formatted(TestKafka.shared().bootstrapServers(), prefix, prefix.replace(".", ""), serverYaml, state,
                extraYaml);
        SluiceConfig config = ConfigLoader.withSystemEnv().loadString("test.yaml", yaml);
        gateway = Gateway.start(config, clock, spans);
        usageConsumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "usage-reader-" + prefix,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        usageConsumer.subscribe(List.of(prefix + "usage"));
        usageReader = new Thread(() -> {
            while (running) {
                usageConsumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    UsageEvent e = UsageEvent.fromJson(r.value());
                    usage.put(e.requestId(), e);
                    usageCounts.merge(e.requestId(), 1, Integer::sum);
                });
            }
            usageConsumer.close();
        }, "usage-reader");
        usageReader.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    UsageEvent usage(String requestId) {
        return usage.get(requestId);
    }

    int usageCount(String requestId) {
        return usageCounts.getOrDefault(requestId, 0);
    }

    @Override
    public void close() throws Exception {
        running = false;
        usageReader.join(5_000);
        gateway.close();
    }
}
