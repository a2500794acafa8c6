package io.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.processors.routing.ModelRoute;
import io.sluice.records.ApiError;
import io.sluice.records.Attributes;
import io.sluice.records.DispatchRecord;
import io.sluice.records.Hop;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyKind;
import io.sluice.records.ReplyRecord;
import io.sluice.records.SluiceHeaders;
import io.sluice.records.TopicNames;
import io.sluice.records.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayTopologyTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String REPLY_TOPIC = TOPICS.replies("ingress-1");

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> requests;
    private TestOutputTopic<String, byte[]> dispatch;
    private TestOutputTopic<String, byte[]> replies;
    private TestOutputTopic<String, byte[]> usage;

    @BeforeEach
    void setUp() {
        ProcessorsConfig config = new ProcessorsConfig(TOPICS, Map.of(
                "gpt-4o-mini", new ModelRoute("gpt-4o-mini", Operation.CHAT, List.of("sim-a", "sim-b")),
                "text-embedding-3-small", new ModelRoute("text-embedding-3-small", Operation.EMBEDDINGS,
                        List.of("sim-a"))),
                "test", false, 100, "/tmp/unused", 1);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(GatewayTopology.build(config, Clock.fixed(NOW, ZoneOffset.UTC)), props);
        requests = driver.createInputTopic(TOPICS.requests(), new StringSerializer(), new ByteArraySerializer());
        dispatch = driver.createOutputTopic(TOPICS.dispatch(), new StringDeserializer(), new ByteArrayDeserializer());
        replies = driver.createOutputTopic(REPLY_TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
        // the processors write usage to the ledger's input topic; the ledger writes sluice.usage
        usage = driver.createOutputTopic(TOPICS.usagePending(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static PromptRecord prompt(String id, String model, Operation op, long deadline, Map<String, String> attrs) {
        return new PromptRecord(id, "team-a", "key_1", model, op, false, false, deadline, REPLY_TOPIC, attrs,
                "{\"model\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    }

    private void send(PromptRecord p) {
        Headers h = p.toHeaders();
        Hop.INGRESS_RECEIVED.stamp(h, NOW.toEpochMilli() * 1000 - 2_000);
        requests.pipeInput(new TestRecord<>(p.subscriptionId(), p.body(), h, NOW));
    }

    @Test
    void dispatchesAKnownModelToItsBackendsInOrderKeyedByRequestId() {
        send(prompt("req_1", "gpt-4o-mini", Operation.CHAT, NOW.toEpochMilli() + 60_000, Map.of()));

        TestRecord<String, byte[]> out = dispatch.readRecord();
        assertThat(out.key()).isEqualTo("req_1");
        DispatchRecord d = DispatchRecord.from(out.headers(), out.value());
        assertThat(d.backends()).containsExactly("sim-a", "sim-b");
        assertThat(d.prompt().body()).isEqualTo("{\"model\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(d.prompt().subscriptionId()).isEqualTo("team-a");
        assertThat(Hop.PROCESSORS_IN.read(out.headers())).isEqualTo(NOW.toEpochMilli() * 1000);
        assertThat(Hop.PROCESSORS_OUT.read(out.headers())).isEqualTo(NOW.toEpochMilli() * 1000);
        assertThat(Hop.INGRESS_RECEIVED.read(out.headers())).isPositive();
        assertThat(replies.isEmpty()).isTrue();
        assertThat(usage.isEmpty()).isTrue();
    }

    @Test
    void answersAnUnknownModelWith404OnTheCallersReplyTopicAndOneUsageEvent() {
        send(prompt("req_2", "gpt-9", Operation.CHAT, NOW.toEpochMilli() + 60_000, Map.of()));

        assertThat(dispatch.isEmpty()).isTrue();
        TestRecord<String, byte[]> r = replies.readRecord();
        ReplyRecord reply = ReplyRecord.from(r.headers(), r.value());
        assertThat(reply.kind()).isEqualTo(ReplyKind.ERROR);
        assertThat(reply.status()).isEqualTo(404);
        ApiError error = ApiError.fromJson(404, reply.body());
        assertThat(error.code()).isEqualTo("model_not_found");
        assertThat(error.message()).contains("gpt-9").contains("/v1/models");

        TestRecord<String, byte[]> u = usage.readRecord();
        assertThat(u.key()).isEqualTo("team-a");
        UsageEvent event = UsageEvent.fromJson(u.value());
        assertThat(event.requestId()).isEqualTo("req_2");
        assertThat(event.status()).isEqualTo(404);
        assertThat(event.errorCode()).isEqualTo("model_not_found");
        assertThat(event.totalTokens()).isZero();
        assertThat(event.latencyMs()).isEqualTo(2.0);
        assertThat(usage.isEmpty()).isTrue();
    }

    @Test
    void namesTheDeploymentWhenAnAzureStyleCallNamesAnUnknownOne() {
        send(prompt("req_3", "my-deploy", Operation.CHAT, NOW.toEpochMilli() + 60_000,
                Map.of(Attributes.AZURE_DEPLOYMENT, "my-deploy")));
        TestRecord<String, byte[]> r = replies.readRecord();
        ApiError error = ApiError.fromJson(404, r.value());
        assertThat(error.code()).isEqualTo("DeploymentNotFound");
        assertThat(error.message()).contains("my-deploy");
    }

    @Test
    void refusesAChatCallToAnEmbeddingsModel() {
        send(prompt("req_4", "text-embedding-3-small", Operation.CHAT, NOW.toEpochMilli() + 60_000, Map.of()));
        TestRecord<String, byte[]> r = replies.readRecord();
        assertThat(SluiceHeaders.get(r.headers(), SluiceHeaders.STATUS)).isEqualTo("400");
        assertThat(ApiError.fromJson(400, r.value()).message()).contains("/v1/embeddings");
        assertThat(UsageEvent.fromJson(usage.readValue()).status()).isEqualTo(400);
    }

    @Test
    void endsARequestWhoseDeadlinePassedWhileQueuedWith504AndNoDispatch() {
        send(prompt("req_5", "gpt-4o-mini", Operation.CHAT, NOW.toEpochMilli() - 1, Map.of()));
        assertThat(dispatch.isEmpty()).isTrue();
        TestRecord<String, byte[]> r = replies.readRecord();
        assertThat(ReplyRecord.from(r.headers(), r.value()).status()).isEqualTo(504);
        assertThat(ApiError.fromJson(504, r.value()).code()).isEqualTo("timeout");
        assertThat(UsageEvent.fromJson(usage.readValue()).status()).isEqualTo(504);
    }

    @Test
    void dropsARecordThatIsNotARequestWithoutStopping() {
        requests.pipeInput("team-a", "garbage".getBytes(StandardCharsets.UTF_8));
        send(prompt("req_6", "gpt-4o-mini", Operation.CHAT, NOW.toEpochMilli() + 60_000, Map.of()));
        assertThat(dispatch.readRecord().key()).isEqualTo("req_6");
        assertThat(replies.isEmpty()).isTrue();
    }
}
