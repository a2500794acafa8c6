package io.sluice.processors.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.processors.GatewayTopology;
import io.sluice.processors.ProcessorsConfig;
import io.sluice.processors.reply.NodeNames;
import io.sluice.processors.reply.Rejection;
import io.sluice.processors.routing.ModelRoute;
import io.sluice.records.ApiError;
import io.sluice.records.Hop;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class WatchedProcessorTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** A stage that refuses prompts whose model is "refused" and passes the rest on. */
    private static Stage gate() {
        return new Stage() {
            @Override
            public String name() {
                return "gate";
            }

            @Override
            public Processor<String, PromptRecord, String, Object> processor(String next) {
                return new Processor<>() {
                    private ProcessorContext<String, Object> context;

                    @Override
                    public void init(ProcessorContext<String, Object> context) {
                        this.context = context;
                    }

                    @Override
                    public void process(Record<String, PromptRecord> record) {
                        if (record.value().model().equals("refused")) {
                            new Rejection(CLOCK).reject(context, record, record.value(),
                                    ApiError.invalidRequest("model", "refused"));
                        } else {
                            context.forward(record, next);
                        }
                    }
                };
            }
        };
    }

    private static List<String> run(String model) {
        List<String> visits = new ArrayList<>();
        StageWatch watch = (node, prompt) -> {
            visits.add("enter " + node + " " + prompt.requestId());
            return (child, value) -> visits.add("leave " + node + " -> " + child);
        };
        ProcessorsConfig config = new ProcessorsConfig(TOPICS, Map.of("gpt-4o", new ModelRoute("gpt-4o", Operation.CHAT,
                List.of("b1"))), "test", false, 100, "/tmp/unused", 1);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(
                GatewayTopology.build(config, CLOCK, List.of(gate()), watch), props)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(TOPICS.requests(), new StringSerializer(),
                    new ByteArraySerializer());
            PromptRecord p = new PromptRecord("req_1", "team-a", "key_1", model, Operation.CHAT, false, false,
                    NOW.toEpochMilli() + 60_000, TOPICS.replies("i1"), Map.of(),
                    "{}".getBytes(StandardCharsets.UTF_8));
            Headers h = p.toHeaders();
            Hop.INGRESS_RECEIVED.stamp(h, NOW.toEpochMilli() * 1000);
            in.pipeInput(new TestRecord<>("team-a", p.body(), h, NOW));
        }
        return visits;
    }

    @Test
    void eachStageIsLeftWhenItForwardsSoTheNextStagesWorkIsNotCountedInIt() {
        assertThat(run("gpt-4o")).containsExactly(
                "enter gate req_1", "leave gate -> " + NodeNames.ROUTING,
                "enter routing req_1", "leave routing -> " + NodeNames.DISPATCH_SINK);
    }

    @Test
    void aStageThatEndsTheRequestIsLeftAtItsFirstAnswer() {
        assertThat(run("refused")).containsExactly("enter gate req_1", "leave gate -> " + NodeNames.REPLY_SINK);
    }

    @Test
    void withoutAWatchTheProcessorsRunUnwrapped() {
        Processor<String, PromptRecord, String, Object> p = record -> { };
        assertThat(WatchedProcessor.wrap("x", p, StageWatch.NONE)).isSameAs(p);
    }
}
