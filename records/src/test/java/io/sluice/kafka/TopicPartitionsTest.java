package io.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TopicPartitionsTest {

    private final TopicPartition p0 = new TopicPartition("t", 0);
    private final TopicPartition p1 = new TopicPartition("t", 1);

    /** A consumer whose partitions hold records written at or after the given time from these offsets. */
    private MockConsumer<String, byte[]> consumerFinding(Map<TopicPartition, Long> offsetsAtTime) {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
                    Map<TopicPartition, Long> times) {
                Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
                times.forEach((tp, t) -> found.put(tp, offsetsAtTime.containsKey(tp)
                        ? new OffsetAndTimestamp(offsetsAtTime.get(tp), t) : null));
                return found;
            }

            @Override
            public synchronized void seekToEnd(Collection<TopicPartition> partitions) {
                // as KafkaConsumer does: an empty collection means every assigned partition
                super.seekToEnd(partitions.isEmpty() ? assignment() : partitions);
            }
        };
        consumer.assign(List.of(p0, p1));
        consumer.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
        consumer.updateEndOffsets(Map.of(p0, 50L, p1, 70L));
        return consumer;
    }

    @Test
    void everyPartitionWithRecentRecordsStartsAtThem() {
        // the case that once sent every partition to its end: nothing to seek to the end
        MockConsumer<String, byte[]> consumer = consumerFinding(Map.of(p0, 20L, p1, 30L));

        TopicPartitions.seekToTimes(consumer, Map.of(p0, 1_000L, p1, 1_000L));

        assertThat(consumer.position(p0)).isEqualTo(20);
        assertThat(consumer.position(p1)).isEqualTo(30);
    }

    @Test
    void aPartitionWithNothingThatRecentStartsAtItsEnd() {
        MockConsumer<String, byte[]> consumer = consumerFinding(Map.of(p0, 20L));

        TopicPartitions.seekToTimes(consumer, Map.of(p0, 1_000L, p1, 1_000L));

        assertThat(consumer.position(p0)).isEqualTo(20);
        assertThat(consumer.position(p1)).isEqualTo(70);
    }
}
