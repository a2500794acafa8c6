package io.sluice.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** The partitions of a topic, as a consumer sees them, for consumers that assign rather than join a group. */
public final class TopicPartitions {

    private TopicPartitions() {
    }

    /** Every partition of {@code topic}; empty when the consumer knows none. */
    public static List<TopicPartition> of(Consumer<?, ?> consumer, String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        return infos == null ? List.of()
                : infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    /** Every partition of {@code topic}, which must exist (Sluice creates its topics at start). */
    public static List<TopicPartition> ofExisting(Consumer<?, ?> consumer, String topic, Duration timeout) {
        List<TopicPartition> partitions = of(consumer, topic, timeout);
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist; it is created at start with the "
                    + "other Sluice topics");
        }
        return partitions;
    }

    /**
     * Positions each assigned partition at its first record written at or after its time (epoch ms),
     * or at its end when it has none that recent.
     */
    public static void seekToTimes(Consumer<?, ?> consumer, Map<TopicPartition, Long> times) {
        if (times.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndTimestamp> at = consumer.offsetsForTimes(times);
        List<TopicPartition> toEnd = new ArrayList<>();
        times.keySet().forEach(tp -> {
            OffsetAndTimestamp o = at.get(tp);
            if (o == null) {
                toEnd.add(tp);
            } else {
                consumer.seek(tp, o.offset());
            }
        });
        // never with an empty list: seekToEnd of nothing means every assigned partition
        if (!toEnd.isEmpty()) {
            consumer.seekToEnd(toEnd);
        }
    }
}
