package io.sluice.launcher;

import io.sluice.kafka.ConsumerLoop;
import io.sluice.records.UsageEvent;
import io.sluice.testing.TestKafka;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a test gateway's usage topic from the beginning, committed events only, as a billing
 * consumer reads it: the last event and the number of events per request id.
 */
final class UsageReader implements AutoCloseable {

    private final Map<String, UsageEvent> usage = new ConcurrentHashMap<>();
    private final Map<String, Integer> usageCounts = new ConcurrentHashMap<>();
    private final ConsumerLoop loop;

    /** @param prefix the gateway's topic prefix */
    UsageReader(String prefix, String threadName) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "usage-reader-" + prefix,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(prefix + "usage"));
        loop = ConsumerLoop.of(consumer, threadName)
                .onRecord(r -> {
                    UsageEvent e = UsageEvent.fromJson(r.value());
                    usage.put(e.requestId(), e);
                    usageCounts.merge(e.requestId(), 1, Integer::sum);
                })
                .stoppedMessage("test usage reader of " + prefix + "usage stopped")
                .build();
        loop.start();
    }

    UsageEvent usage(String requestId) {
        return usage.get(requestId);
    }

    int usageCount(String requestId) {
        return usageCounts.getOrDefault(requestId, 0);
    }

    Collection<UsageEvent> all() {
        return usage.values();
    }

    @Override
    public void close() {
        loop.close();
    }
}
