package io.sluice.observability.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Kafka client metrics of this process's own clients, read from the clients' JMX beans: the
 * consumer lag of the hot-path readers (requests, dispatch, replies) and a few producer and
 * consumer rates. Clients of other gateways in the same JVM (tests) are left out by client id.
 */
public final class KafkaClientMeters {

    private static final List<String> CONSUMER_ATTRIBUTES = List.of("records-lag-max", "records-consumed-rate",
            "fetch-latency-avg", "bytes-consumed-rate");
    private static final List<String> PRODUCER_ATTRIBUTES = List.of("record-send-rate", "record-error-rate",
            "record-retry-rate", "request-latency-avg", "batch-size-avg", "buffer-available-bytes");

    private final MeterRegistry registry;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Function<String, String> consumerRole;
    private final Function<String, Boolean> ours;

    /**
     * @param consumerRole names the hot-path reader a consumer client id belongs to ({@code dispatch},
     *                     {@code replies}, {@code requests}), or null
     * @param ours         whether a client id belongs to this gateway
     */
    public KafkaClientMeters(MeterRegistry registry, Function<String, String> consumerRole,
            Function<String, Boolean> ours) {
        this.registry = registry;
        this.consumerRole = consumerRole;
        this.ours = ours;
    }

    /** Registers gauges for clients that appeared since the last call (cheap when none did). */
    public synchronized void refresh() {
        for (ObjectName name : query("kafka.consumer:type=consumer-fetch-manager-metrics,client-id=*")) {
            String client = name.getKeyProperty("client-id");
            if (!ours.apply(client)) {
                continue;
            }
            String role = consumerRole.apply(client);
            if (role != null) {
                Gauge.builder("sluice.consumer.lag", this, m -> m.read(name, "records-lag-max"))
                        .description("Records the reader is behind the end of its topic (largest over its partitions)")
                        .baseUnit("records").tag("consumer", role).strongReference(true).register(registry);
            }
            for (String attribute : CONSUMER_ATTRIBUTES) {
                gauge("kafka.consumer." + attribute.replace('-', '.'), name, attribute, client);
            }
        }
        for (ObjectName name : query("kafka.producer:type=producer-metrics,client-id=*")) {
            String client = name.getKeyProperty("client-id");
            if (ours.apply(client)) {
                for (String attribute : PRODUCER_ATTRIBUTES) {
                    gauge("kafka.producer." + attribute.replace('-', '.'), name, attribute, client);
                }
            }
        }
    }

    private void gauge(String meter, ObjectName name, String attribute, String client) {
        Gauge.builder(meter, this, m -> m.read(name, attribute)).tag("client_id", client).strongReference(true)
                .description("Kafka client metric " + attribute).register(registry);
    }

    private Set<ObjectName> query(String pattern) {
        try {
            return server.queryNames(new ObjectName(pattern), null);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    private double read(ObjectName name, String attribute) {
        try {
            Object v = server.getAttribute(name, attribute);
            if (v instanceof Number n) {
                double d = n.doubleValue();
                return Double.isFinite(d) ? d : Double.NaN;
            }
            return Double.NaN;
        } catch (javax.management.JMException e) {
            // the client closed: its bean is gone
            return Double.NaN;
        }
    }
}
