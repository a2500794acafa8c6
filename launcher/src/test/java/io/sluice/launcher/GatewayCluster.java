package io.sluice.launcher;

import io.sluice.launcher.config.ConfigLoader;
import io.sluice.launcher.config.SluiceConfig;
import io.sluice.records.UsageEvent;
import io.sluice.testing.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Several whole gateways (all roles, each with the built-in simulator) sharing one topic prefix on
 * the shared test broker, so their processors share partitions like instances of one deployment;
 * plus a read_committed reader of their usage topic, as a billing consumer reads it.
 */
final class GatewayCluster implements AutoCloseable {

    final String prefix = "g" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final String yaml;
    private final Clock clock;
    private final List<Gateway> gateways = new ArrayList<>();
    private final java.util.Set<Integer> stopped = ConcurrentHashMap.newKeySet();
    private final KafkaConsumer<String, byte[]> usageConsumer;
    private final Map<String, UsageEvent> usage = new ConcurrentHashMap<>();
    private final Map<String, Integer> usageCounts = new ConcurrentHashMap<>();
    private final Thread usageReader;
    private volatile boolean running = true;

    /** @param yaml the config besides kafka, server, processors and simulator (subscriptions, admin, prices) */
    GatewayCluster(int instances, String yaml, Clock clock) throws Exception {
        this.yaml = yaml;
        this.clock = clock;
        for (int i = 0; i < instances; i++) {
            gateways.add(startInstance(i));
        }
        awaitRunning();
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
        }, "cluster-usage-reader");
        usageReader.start();
    }

    private Gateway startInstance(int i) throws Exception {
        Path state = Files.createTempDirectory("sluice-cluster-" + i);
        String config = """
                kafka:
                  bootstrap-servers: %s
                  topic-prefix: %s
                  partitions: 2
                  replication-factor: 1
                server:
                  port: 0
                  instance-id: it-%s-%d
                processors:
                  state-dir: %s
                simulator:
                  enabled: true
                %s
                """.formatted(TestKafka.shared().bootstrapServers(), prefix, prefix.replace(".", ""), i, state, yaml);
        SluiceConfig c = ConfigLoader.withSystemEnv().loadString("cluster.yaml", config);
        return Gateway.start(c, clock);
    }

    /** Stops instance {@code i}; {@link #restart} starts it again with empty local state. */
    void stop(int i) {
        stopped.add(i);
        gateways.get(i).close();
    }

    void restart(int i) throws Exception {
        gateways.set(i, startInstance(i));
        stopped.remove(i);
        awaitRunning();
    }

    /** Waits until the Streams applications of every running instance run (their rebalances are over). */
    void awaitRunning() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (int i = 0; i < gateways.size(); i++) {
                Gateway g = gateways.get(i);
                if (!stopped.contains(i) && (g.processors().streams().state() != KafkaStreams.State.RUNNING
                        || g.governance().ledger().streams().state() != KafkaStreams.State.RUNNING)) {
                    return false;
                }
            }
            return true;
        });
    }

    Gateway gateway(int i) {
        return gateways.get(i);
    }

    String url(int i) {
        return "http://127.0.0.1:" + gateways.get(i).port();
    }

    int size() {
        return gateways.size();
    }

    UsageEvent usage(String requestId) {
        return usage.get(requestId);
    }

    int usageCount(String requestId) {
        return usageCounts.getOrDefault(requestId, 0);
    }

    Collection<UsageEvent> allUsage() {
        return usage.values();
    }

    @Override
    public void close() throws Exception {
        running = false;
        usageReader.join(5_000);
        for (int i = 0; i < gateways.size(); i++) {
            if (!stopped.contains(i)) {
                gateways.get(i).close();
            }
        }
    }
}
