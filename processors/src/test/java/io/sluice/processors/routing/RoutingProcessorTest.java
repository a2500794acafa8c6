package io.sluice.processors.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.processors.GatewayTopology;
import io.sluice.processors.ProcessorsConfig;
import io.sluice.records.ApiError;
import io.sluice.records.BackendHealth;
import io.sluice.records.DispatchRecord;
import io.sluice.records.Operation;
import io.sluice.records.PoolMember;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyRecord;
import io.sluice.records.RoutePlan;
import io.sluice.records.RoutingStrategy;
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
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingProcessorTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final long NOW_MS = NOW.toEpochMilli();
    private static final String REPLY_TOPIC = TOPICS.replies("ingress-1");

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> requests;
    private TestInputTopic<String, byte[]> health;
    private TestOutputTopic<String, byte[]> dispatch;
    private TestOutputTopic<String, byte[]> replies;

    @BeforeEach
    void setUp() {
        ModelRoute gpt4o = new ModelRoute("gpt-4o", Operation.CHAT, RoutingStrategy.WEIGHTED, List.of(
                new PoolMember("azure-eu", 3, 1), new PoolMember("openai", 1, 1), new PoolMember("azure-us", 1, 2)));
        ModelRoute mini = new ModelRoute("gpt-4o-mini", Operation.CHAT, List.of("b", "a"));
        ProcessorsConfig config = new ProcessorsConfig(TOPICS, Map.of("gpt-4o", gpt4o, "gpt-4o-mini", mini), "test",
                false, 100, "/tmp/unused", 1);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(GatewayTopology.build(config, Clock.fixed(NOW, ZoneOffset.UTC)), props);
        requests = driver.createInputTopic(TOPICS.requests(), new StringSerializer(), new ByteArraySerializer());
        health = driver.createInputTopic(TOPICS.backendHealth(), new StringSerializer(), new ByteArraySerializer());
        dispatch = driver.createOutputTopic(TOPICS.dispatch(), new StringDeserializer(), new ByteArrayDeserializer());
        replies = driver.createOutputTopic(REPLY_TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void send(String id, String model) {
        PromptRecord p = new PromptRecord(id, "team-a", "key_1", model, Operation.CHAT, false, false, NOW_MS + 60_000,
                REPLY_TOPIC, Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
        requests.pipeInput(new TestRecord<>(p.subscriptionId(), p.body(), p.toHeaders(), NOW));
    }

    private void open(String backend, long untilMs) {
        health.pipeInput(backend, BackendHealth.open(backend, untilMs, "5 failures in a row", "egress-1", NOW_MS - 1)
                .toJsonBytes());
    }

    private RoutePlan dispatchedPlan() {
        TestRecord<String, byte[]> out = dispatch.readRecord();
        return DispatchRecord.from(out.headers(), out.value()).plan();
    }

    @Test
    void aPoolIsDispatchedWithItsStrategyWeightsAndPriorityGroups() {
        send("req_1", "gpt-4o");
        RoutePlan plan = dispatchedPlan();
        assertThat(plan.pool()).isEqualTo("gpt-4o");
        assertThat(plan.strategy()).isEqualTo(RoutingStrategy.WEIGHTED);
        assertThat(plan.groups()).hasSize(2);
        assertThat(plan.groups().get(0)).extracting(PoolMember::backend, PoolMember::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("azure-eu", 3),
                        org.assertj.core.groups.Tuple.tuple("openai", 1));
        assertThat(plan.groups().get(1)).extracting(PoolMember::backend).containsExactly("azure-us");
    }

    @Test
    void aFailoverListIsOneGroupPerBackendInOrder() {
        send("req_1", "gpt-4o-mini");
        RoutePlan plan = dispatchedPlan();
        assertThat(plan.strategy()).isEqualTo(RoutingStrategy.FAILOVER);
        assertThat(plan.groups()).extracting(g -> g.get(0).backend()).containsExactly("b", "a");
    }

    @Test
    void aBackendWhoseBreakerIsOpenIsLeftOutUntilItsProbeIsDue() {
        open("azure-eu", NOW_MS + 7_000);
        send("req_1", "gpt-4o");
        RoutePlan plan = dispatchedPlan();
        assertThat(plan.backends()).containsExactly("openai", "azure-us");
        assertThat(plan.poolSize()).isEqualTo(3);

        open("azure-eu", NOW_MS);
        send("req_2", "gpt-4o");
        assertThat(dispatchedPlan().backends()).containsExactly("azure-eu", "openai", "azure-us");
    }

    @Test
    void aClosedRecordBringsABackendBack() {
        open("openai", NOW_MS + 60_000);
        health.pipeInput("openai", BackendHealth.closed("openai", "probe succeeded", "egress-2", NOW_MS)
                .toJsonBytes());
        send("req_1", "gpt-4o");
        assertThat(dispatchedPlan().backends()).contains("openai");
    }

    @Test
    void whenEveryMemberIsOpenTheRequestEndsWith503AndRetryAfterTheFirstReopening() {
        open("azure-eu", NOW_MS + 30_000);
        open("openai", NOW_MS + 7_000);
        open("azure-us", NOW_MS + 12_500);
        send("req_1", "gpt-4o");
        assertThat(dispatch.isEmpty()).isTrue();
        TestRecord<String, byte[]> r = replies.readRecord();
        ReplyRecord reply = ReplyRecord.from(r.headers(), r.value());
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.responseHeaders()).containsEntry("retry-after", "7");
        ApiError error = ApiError.fromJson(503, reply.body());
        assertThat(error.code()).isEqualTo("backends_unavailable");
        assertThat(error.message()).contains("gpt-4o").contains("openai for 7 s").contains("azure-us for 13 s");
    }
}
