package io.sluice.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker for integration tests, shared by every test in one JVM. By default the
 * KRaft test kit runs a single combined broker/controller in this JVM. With
 * {@code -Dsluice.test.kafka=testcontainers} and a Docker engine, an Apache Kafka container is
 * used instead.
 */
public final class TestKafka {

    private static TestKafka instance;

    private final String bootstrapServers;
    private final AutoCloseable handle;

    private TestKafka(String bootstrapServers, AutoCloseable handle) {
        this.bootstrapServers = bootstrapServers;
        this.handle = handle;
    }

    /** The shared broker, started on first use and stopped when the JVM exits. */
    public static synchronized TestKafka shared() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::closeQuietly, "test-kafka-shutdown"));
        }
        return instance;
    }

    /** A broker of its own, for tests that stop it; the caller closes it. */
    public static TestKafka startPrivate() {
        return start();
    }

    private static TestKafka start() {
        if ("testcontainers".equals(System.getProperty("sluice.test.kafka"))) {
            return TestcontainersKafka.start();
        }
        try {
            Map<String, String> props = new HashMap<>(brokerProperties());
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(
                    new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build());
            props.forEach(builder::setConfigProp);
            KafkaClusterTestKit kit = builder.build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new TestKafka(kit.bootstrapServers(), kit);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
        }
    }

    /** Broker settings for a one-node cluster that supports transactions and exactly-once Streams. */
    static Map<String, String> brokerProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(p);
    }

    public void close() throws Exception {
        handle.close();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception ignored) {
            // the JVM is exiting
        }
    }

    TestKafka(String bootstrap, AutoCloseable handle, boolean fromContainer) {
        this(bootstrap, handle);
    }
}
