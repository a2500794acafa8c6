package io.sluice.processors.quota;

import io.sluice.processors.stage.Stage;
import io.sluice.records.PromptRecord;
import io.sluice.records.TopicNames;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Token governance on the interactive path: per-counter limits (tokens and requests per minute,
 * token quota per period, parallel requests), budgets and model access, with reservations
 * reconciled from the reconcile topic by a processor that shares the stage's stores (and so its
 * partitions: the reconcile topic is keyed by counter key like the requests topic).
 */
public final class QuotaStage implements Stage {

    public static final String NAME = "quota";
    public static final String RECONCILE_SOURCE = "quota-reconcile-source";
    public static final String RECONCILE = "quota-reconcile";

    private final QuotaSettings settings;
    private final Clock clock;

    public QuotaStage(QuotaSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Processor<String, PromptRecord, String, Object> processor(String next) {
        return new QuotaProcessor(settings, clock, next);
    }

    @Override
    public List<StoreBuilder<?>> stores() {
        return QuotaStores.builders();
    }

    @Override
    public void extend(Topology topology, TopicNames topics) {
        topology.addSource(RECONCILE_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                topics.quotaReconcile());
        topology.addProcessor(RECONCILE, ReconcileProcessor::new, RECONCILE_SOURCE);
        topology.connectProcessorAndStateStores(RECONCILE, QuotaStores.COUNTERS, QuotaStores.RESERVATIONS);
    }
}
