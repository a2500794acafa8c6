package io.sluice.launcher;

import io.sluice.launcher.config.ConfigLoader;
import io.sluice.launcher.config.SluiceConfig;
import io.sluice.records.UsageEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
    private final UsageReader usage;

    /** @param yaml the config besides kafka, server, processors and simulator (subscriptions, admin, prices) */
    GatewayCluster(int instances, String yaml, Clock clock) throws Exception {
        this.yaml = yaml;
        this.clock = clock;
        for (int i = 0; i < instances; i++) {
            gateways.add(startInstance(i));
        }
        awaitRunning();
        usage = new UsageReader(prefix, "cluster-usage-reader");
    }

    private Gateway startInstance(int i) throws Exception {
        Path state = Files.createTempDirectory("sluice-cluster-" + i);
        String config = TestGatewayYaml.base(prefix, "it-" + prefix.replace(".", "") + "-" + i, "", state) + """
                simulator:
                  enabled: true
                %s
                """.formatted(yaml);
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
        return usage.usage(requestId);
    }

    int usageCount(String requestId) {
        return usage.usageCount(requestId);
    }

    Collection<UsageEvent> allUsage() {
        return usage.all();
    }

    @Override
    public void close() throws Exception {
        usage.close();
        for (int i = 0; i < gateways.size(); i++) {
            if (!stopped.contains(i)) {
                gateways.get(i).close();
            }
        }
    }
}
