package io.sluice.processors.safety;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * A check request on its way to the safety-checks topic, with the partition of the request it is
 * for: the worker answers on the same partition of the verdicts topic, so the verdict comes back
 * to the task (and the pending store) that asked, whatever the record key.
 */
record PartitionedCheck(int partition, byte[] json) {

    static final Serializer<PartitionedCheck> SERIALIZER = (topic, value) -> value == null ? null : value.json();

    static final StreamPartitioner<String, PartitionedCheck> PARTITIONER =
            (topic, key, value, partitions) -> Optional.of(Set.of(Math.floorMod(value.partition(), partitions)));
}
