package io.sluice.processors;

import io.sluice.processors.admission.AdmissionProcessor;
import io.sluice.processors.reply.NodeNames;
import io.sluice.processors.routing.RoutingProcessor;
import io.sluice.processors.reply.ReplyTopicExtractor;
import java.time.Clock;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The interactive path through the processors: requests → admission → routing → dispatch, with
 * rejections answered on the caller's ingress reply topic and counted on the usage topic.
 */
public final class GatewayTopology {

    private GatewayTopology() {
    }

    public static Topology build(ProcessorsConfig config, Clock clock) {
        Topology t = new Topology();
        t.addSource(NodeNames.SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), config.topics().requests());
        t.addProcessor(NodeNames.ADMISSION, () -> new AdmissionProcessor(clock, NodeNames.ROUTING), NodeNames.SOURCE);
        t.addProcessor(NodeNames.ROUTING, () -> new RoutingProcessor(config.models(), clock), NodeNames.ADMISSION);
        t.addSink(NodeNames.DISPATCH_SINK, config.topics().dispatch(), new StringSerializer(), new ByteArraySerializer(),
                NodeNames.ROUTING);
        t.addSink(NodeNames.REPLY_SINK, new ReplyTopicExtractor(), new StringSerializer(), new ByteArraySerializer(),
                NodeNames.ADMISSION, NodeNames.ROUTING);
        t.addSink(NodeNames.USAGE_SINK, config.topics().usage(), new StringSerializer(), new ByteArraySerializer(),
                NodeNames.ADMISSION, NodeNames.ROUTING);
        return t;
    }
}
