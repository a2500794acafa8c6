package io.sluice.processors.safety;

import io.sluice.processors.stage.Stage;
import io.sluice.records.PromptRecord;
import io.sluice.records.TopicNames;
import io.sluice.safety.policy.SafetySettings;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Content safety on the prompt side, first on the interactive path (before the cache and the quota):
 * the built-in checks run in the stream thread; a prompt whose policy has external checks waits in
 * the pending store while the egress safety worker calls the services (the check goes out on
 * {@code safety.checks}, the verdict comes back on {@code safety.verdicts} in the same partition),
 * so no stream thread ever waits on the network. Every decision is an event on the audit topic.
 */
public final class SafetyStage implements Stage {

    public static final String NAME = "safety";
    public static final String PENDING = "safety-pending";
    public static final String VERDICT_SOURCE = "safety-verdict-source";
    public static final String CHECK_SINK = "safety-check-sink";
    public static final String AUDIT_SINK = "safety-audit-sink";

    private final SafetySettings settings;
    private final Clock clock;

    public SafetyStage(SafetySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Processor<String, PromptRecord, String, Object> processor(String next) {
        return new SafetyProcessor(settings, clock, next);
    }

    @Override
    public List<StoreBuilder<?>> stores() {
        return List.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING), Serdes.String(),
                Serdes.ByteArray()).withCachingDisabled());
    }

    @Override
    public List<String> inputs(Topology topology, TopicNames topics) {
        topology.addSource(VERDICT_SOURCE, new StringDeserializer(), new VerdictDeserializer(),
                topics.safetyVerdicts());
        return List.of(VERDICT_SOURCE);
    }

    @Override
    public void extend(Topology topology, TopicNames topics) {
        topology.addSink(CHECK_SINK, topics.safetyChecks(), new StringSerializer(), PartitionedCheck.SERIALIZER,
                PartitionedCheck.PARTITIONER, NAME);
        topology.addSink(AUDIT_SINK, topics.audit(), new StringSerializer(), new ByteArraySerializer(), NAME);
    }
}
