package io.sluice.processors;

import io.sluice.processors.admission.AdmissionProcessor;
import io.sluice.processors.reply.NodeNames;
import io.sluice.processors.reply.ReplyTopicExtractor;
import io.sluice.processors.routing.BackendHealthStore;
import io.sluice.processors.routing.RoutingProcessor;
import io.sluice.processors.stage.Stage;
import io.sluice.processors.stage.StageChain;
import io.sluice.processors.stage.StageWatch;
import io.sluice.processors.stage.WatchedProcessor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The interactive path through the processors: requests → admission → the configured stages →
 * routing → dispatch, with requests ended early answered on the caller's ingress reply topic and
 * counted on the usage topic.
 */
public final class GatewayTopology {

    private GatewayTopology() {
    }

    public static Topology build(ProcessorsConfig config, Clock clock) {
        return build(config, clock, StageChain.standard(config, clock));
    }

    public static Topology build(ProcessorsConfig config, Clock clock, List<Stage> stages) {
        return build(config, clock, stages, StageWatch.NONE);
    }

    /** The topology with {@code watch} told when each stage and routing take and let go of a request. */
    public static Topology build(ProcessorsConfig config, Clock clock, List<Stage> stages, StageWatch watch) {
        Topology t = new Topology();
        t.addSource(NodeNames.SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), config.topics().requests());
        List<String> nodes = new ArrayList<>();
        nodes.add(NodeNames.ADMISSION);
        stages.forEach(s -> nodes.add(s.name()));
        nodes.add(NodeNames.ROUTING);

        t.addProcessor(NodeNames.ADMISSION, () -> new AdmissionProcessor(clock, nodes.get(1)), NodeNames.SOURCE);
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            String next = nodes.get(i + 2);
            List<String> parents = new ArrayList<>(List.of(nodes.get(i)));
            parents.addAll(stage.inputs(t, config.topics()));
            t.addProcessor(stage.name(), () -> WatchedProcessor.wrap(stage.name(), stage.processor(next), watch),
                    parents.toArray(String[]::new));
            for (StoreBuilder<?> store : stage.stores()) {
                t.addStateStore(store, stage.name());
            }
        }
        BackendHealthStore.addTo(t, config.topics());
        t.addProcessor(NodeNames.ROUTING, () -> WatchedProcessor.wrap(NodeNames.ROUTING,
                new RoutingProcessor(config.models(), clock), watch), nodes.get(nodes.size() - 2));

        String[] all = nodes.toArray(String[]::new);
        t.addSink(NodeNames.DISPATCH_SINK, config.topics().dispatch(), new StringSerializer(), new ByteArraySerializer(),
                NodeNames.ROUTING);
        t.addSink(NodeNames.REPLY_SINK, new ReplyTopicExtractor(), new StringSerializer(), new ByteArraySerializer(),
                all);
        // usage goes to the ledger's input; the ledger deduplicates, prices and writes sluice.usage
        t.addSink(NodeNames.USAGE_SINK, config.topics().usagePending(), new StringSerializer(),
                new ByteArraySerializer(), all);
        t.addSink(NodeNames.RECONCILE_SINK, config.topics().quotaReconcile(), new StringSerializer(),
                new ByteArraySerializer(), all);
        for (Stage stage : stages) {
            stage.extend(t, config.topics());
        }
        if (config.batch() != null) {
            // batch lines draw from the quota stage's counters (and so share its tasks) when it runs
            io.sluice.processors.batch.BatchTopology.addTo(t, config, clock, stages.stream()
                    .anyMatch(s -> io.sluice.processors.quota.QuotaStage.NAME.equals(s.name())));
        }
        return t;
    }
}
