package io.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.processors.reply.Rejection;
import io.sluice.processors.routing.ModelRoute;
import io.sluice.processors.stage.Stage;
import io.sluice.records.ApiError;
import io.sluice.records.DispatchRecord;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyRecord;
import io.sluice.records.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class StageChainTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    /** A stage that stamps a response header, and refuses prompts for the subscription "blocked". */
    private record Marker(String name) implements Stage {
        @Override
        public Processor<String, PromptRecord, String, Object> processor(String next) {
            return new Processor<>() {
                private ProcessorContext<String, Object> ctx;

                @Override
                public void init(ProcessorContext<String, Object> context) {
                    ctx = context;
                }

                @Override
                public void process(Record<String, PromptRecord> r) {
                    PromptRecord p = r.value().withResponseHeader("x-" + name, "seen");
                    if (p.subscriptionId().equals("blocked")) {
                        new Rejection(CLOCK).reject(ctx, r, p, ApiError.invalidRequest(null, "refused by " + name));
                        return;
                    }
                    ctx.forward(r.withValue(p), next);
                }
            };
        }
    }

    private TopologyTestDriver driver() {
        ProcessorsConfig config = new ProcessorsConfig(TOPICS, Map.of("m", new ModelRoute("m", Operation.CHAT,
                List.of("b"))), "t", false, 100, "/tmp/unused", 1);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "t");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(GatewayTopology.build(config, CLOCK,
                List.of(new Marker("first"), new Marker("second"))), props);
    }

    private static PromptRecord prompt(String subscription) {
        return new PromptRecord("req_" + subscription, subscription, "k", "m", Operation.CHAT, false, false,
                Long.MAX_VALUE, TOPICS.replies("i"), Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void requestsPassEveryStageInOrderAndCarryTheirResponseHeaders() {
        try (TopologyTestDriver d = driver()) {
            PromptRecord p = prompt("ok");
            d.createInputTopic(TOPICS.requests(), new StringSerializer(), new ByteArraySerializer())
                    .pipeInput(new TestRecord<>("ok", p.body(), p.toHeaders(), Instant.EPOCH));
            TestRecord<String, byte[]> out = d.createOutputTopic(TOPICS.dispatch(), new StringDeserializer(),
                    new ByteArrayDeserializer()).readRecord();
            DispatchRecord dispatch = DispatchRecord.from(out.headers(), out.value());
            assertThat(dispatch.prompt().responseHeaders()).containsEntry("x-first", "seen")
                    .containsEntry("x-second", "seen");
        }
    }

    @Test
    void aStageCanEndARequestWithItsHeadersOnTheError() {
        try (TopologyTestDriver d = driver()) {
            PromptRecord p = prompt("blocked");
            d.createInputTopic(TOPICS.requests(), new StringSerializer(), new ByteArraySerializer())
                    .pipeInput(new TestRecord<>("blocked", p.body(), p.toHeaders(), Instant.EPOCH));
            TestOutputTopic<String, byte[]> replies = d.createOutputTopic(TOPICS.replies("i"), new StringDeserializer(),
                    new ByteArrayDeserializer());
            TestRecord<String, byte[]> r = replies.readRecord();
            ReplyRecord reply = ReplyRecord.from(r.headers(), r.value());
            assertThat(reply.status()).isEqualTo(400);
            assertThat(ApiError.fromJson(400, reply.body()).message()).isEqualTo("refused by first");
            assertThat(reply.responseHeaders()).containsEntry("x-first", "seen").doesNotContainKey("x-second");
            assertThat(d.createOutputTopic(TOPICS.dispatch(), new StringDeserializer(), new ByteArrayDeserializer())
                    .isEmpty()).isTrue();
        }
    }
}
