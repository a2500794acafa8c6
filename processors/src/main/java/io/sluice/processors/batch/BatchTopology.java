package io.sluice.processors.batch;

import io.sluice.processors.ProcessorsConfig;
import io.sluice.processors.quota.QuotaStores;
import io.sluice.processors.reply.ReplyTopicExtractor;
import io.sluice.records.TopicNames;
import java.time.Clock;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The batch part of the processors topology. Intake: lines produced straight to Kafka are
 * authenticated, checked and re-keyed by counter key onto the batch lines topic. Scheduler: lines
 * (from intake and from the Batch API) are paced by their subscription's windows and dispatched;
 * egress's outcomes become exactly one result and one usage event per line, and batch states. When
 * the quota stage runs, the scheduler shares its counters, and so its tasks (the batch lines and
 * outcomes topics are co-partitioned with the requests topic).
 */
public final class BatchTopology {

    private BatchTopology() {
    }

    /** @param shareQuota whether the topology has the quota stage, whose counters batch lines draw from */
    public static void addTo(Topology t, ProcessorsConfig config, Clock clock, boolean shareQuota) {
        BatchSettings settings = config.batch();
        TopicNames topics = config.topics();
        t.addSource(BatchNodes.INTAKE_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                topics.batchRequests());
        t.addProcessor(BatchNodes.INTAKE, () -> new IntakeProcessor(settings, topics, clock), BatchNodes.INTAKE_SOURCE);
        t.addSink(BatchNodes.INTAKE_LINES_SINK, topics.batchLines(), new StringSerializer(), new ByteArraySerializer(),
                BatchNodes.INTAKE);
        t.addSink(BatchNodes.INTAKE_RESULT_SINK, new ReplyTopicExtractor(), new StringSerializer(),
                new ByteArraySerializer(), BatchNodes.INTAKE);

        t.addSource(AutoOffsetReset.earliest(), BatchNodes.LINES_SOURCE, new BatchPriority(), new StringDeserializer(),
                new ByteArrayDeserializer(), topics.batchLines());
        t.addSource(AutoOffsetReset.earliest(), BatchNodes.OUTCOMES_SOURCE, new BatchPriority(), new StringDeserializer(),
                new ByteArrayDeserializer(), topics.batchOutcomes());
        t.addProcessor(BatchNodes.SCHEDULER, () -> new BatchScheduler(config, settings, shareQuota, clock),
                BatchNodes.LINES_SOURCE, BatchNodes.OUTCOMES_SOURCE);
        for (StoreBuilder<?> store : BatchStores.builders()) {
            t.addStateStore(store, BatchNodes.SCHEDULER);
        }
        if (shareQuota && config.quota() != null) {
            t.connectProcessorAndStateStores(BatchNodes.SCHEDULER, QuotaStores.COUNTERS);
        }
        t.addSink(BatchNodes.DISPATCH_SINK, topics.dispatchBatch(), new StringSerializer(), new ByteArraySerializer(),
                BatchNodes.SCHEDULER);
        t.addSink(BatchNodes.RESULT_SINK, new ReplyTopicExtractor(), new StringSerializer(), new ByteArraySerializer(),
                BatchNodes.SCHEDULER);
        t.addSink(BatchNodes.STATE_SINK, topics.batchState(), new StringSerializer(), new ByteArraySerializer(),
                BatchNodes.SCHEDULER);
        // the ledger deduplicates by request id, prices the event and writes sluice.usage
        t.addSink(BatchNodes.USAGE_SINK, topics.usagePending(), new StringSerializer(), new ByteArraySerializer(),
                BatchNodes.SCHEDULER);
    }
}
