package io.sluice.processors.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.processors.GatewayTopology;
import io.sluice.processors.ProcessorsConfig;
import io.sluice.processors.routing.ModelRoute;
import io.sluice.records.DispatchRecord;
import io.sluice.records.Json;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyRecord;
import io.sluice.records.TopicNames;
import io.sluice.records.UsageEvent;
import io.sluice.records.safety.AuditEvent;
import io.sluice.records.safety.SafetyCheckRequest;
import io.sluice.records.safety.SafetyVerdict;
import io.sluice.records.safety.SafetyVerdict.Result;
import io.sluice.safety.detect.KeywordDetector;
import io.sluice.safety.detect.PiiDetector;
import io.sluice.safety.policy.AuditSettings;
import io.sluice.safety.policy.Check;
import io.sluice.safety.policy.CheckMode;
import io.sluice.safety.policy.CheckType;
import io.sluice.safety.policy.PolicyBook;
import io.sluice.safety.policy.SafetyPolicy;
import io.sluice.safety.policy.SafetySettings;
import io.sluice.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;

/** The safety stage in the gateway topology, driven by hand: built-in decisions, and the external round trip. */
class SafetyStageTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final String REPLY_TOPIC = TOPICS.replies("i1");

    private final MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> requests;
    private TestInputTopic<String, byte[]> verdicts;
    private TestOutputTopic<String, byte[]> dispatch;
    private TestOutputTopic<String, byte[]> replies;
    private TestOutputTopic<String, byte[]> usage;
    private TestOutputTopic<String, byte[]> audit;
    private TestOutputTopic<String, byte[]> checks;

    private static Check pii(CheckMode mode) {
        return new Check("pii", CheckType.PII, mode, true, false, PiiDetector.all(), null);
    }

    private static Check keywords() {
        return new Check("keywords", CheckType.KEYWORDS, CheckMode.BLOCK, true, false,
                new KeywordDetector(List.of("falcon")), null);
    }

    private static Check azure() {
        return new Check("azure", CheckType.AZURE_TEXT_ANALYSIS, CheckMode.BLOCK, true, false, null,
                new Check.External("cs", Map.of("hate", 4.0), List.of(), false));
    }

    private void start(boolean failOpen, Check... checks) throws Exception {
        SafetyPolicy policy = new SafetyPolicy("strict", List.of(checks), 500, failOpen, 7);
        SafetySettings settings = new SafetySettings(new PolicyBook(Map.of("strict", policy),
                Map.of("team-a", List.of("strict")), Map.of(), List.of()), AuditSettings.DEFAULTS, 1024);
        ProcessorsConfig config = new ProcessorsConfig(TOPICS, Map.of("gpt-4o-mini", new ModelRoute("gpt-4o-mini",
                Operation.CHAT, List.of("sim"))), "safety-test", true, 100, "/tmp/unused", 1, null, null, settings);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "safety-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("safety-test").toString());
        driver = new TopologyTestDriver(GatewayTopology.build(config, clock), props, clock.instant());
        requests = driver.createInputTopic(TOPICS.requests(), new StringSerializer(), new ByteArraySerializer());
        verdicts = driver.createInputTopic(TOPICS.safetyVerdicts(), new StringSerializer(), new ByteArraySerializer());
        dispatch = driver.createOutputTopic(TOPICS.dispatch(), new StringDeserializer(), new ByteArrayDeserializer());
        replies = driver.createOutputTopic(REPLY_TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
        usage = driver.createOutputTopic(TOPICS.usagePending(), new StringDeserializer(), new ByteArrayDeserializer());
        audit = driver.createOutputTopic(TOPICS.audit(), new StringDeserializer(), new ByteArrayDeserializer());
        this.checks = driver.createOutputTopic(TOPICS.safetyChecks(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void send(String id, String subscription, String text) {
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":" + Json.toString(text)
                + "}]}";
        PromptRecord p = new PromptRecord(id, subscription, "key_1", "gpt-4o-mini", Operation.CHAT, false, false,
                clock.millis() + 60_000, REPLY_TOPIC, Map.of(), body.getBytes(StandardCharsets.UTF_8));
        requests.pipeInput(new TestRecord<>(subscription, p.body(), p.toHeaders(), clock.instant()));
    }

    private PromptRecord dispatched() {
        TestRecord<String, byte[]> r = dispatch.readRecord();
        return DispatchRecord.from(r.headers(), r.value()).prompt();
    }

    private static String userText(PromptRecord p) throws Exception {
        return Json.MAPPER.readTree(p.body()).path("messages").get(0).path("content").asText();
    }

    private ReplyRecord reply() {
        TestRecord<String, byte[]> r = replies.readRecord();
        return ReplyRecord.from(r.headers(), r.value());
    }

    private AuditEvent onlyAudit() {
        List<AuditEvent> events = audit.readValuesToList().stream().map(AuditEvent::fromJson).toList();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void aBlockedPromptIsAnsweredWithContentFilterAndNeverDispatched() throws Exception {
        start(false, keywords(), pii(CheckMode.LOG));
        send("r1", "team-a", "Tell me about Falcon, mail a@b.io");
        assertThat(dispatch.isEmpty()).isTrue();
        ReplyRecord reply = reply();
        assertThat(reply.status()).isEqualTo(400);
        JsonNode err = Json.MAPPER.readTree(reply.body()).path("error");
        assertThat(err.path("code").asText()).isEqualTo("content_filter");
        assertThat(err.path("innererror").path("content_filter_result").path("custom_blocklists").path("filtered")
                .asBoolean()).isTrue();
        UsageEvent u = UsageEvent.fromJson(usage.readValue());
        assertThat(u.status()).isEqualTo(400);
        assertThat(u.errorCode()).isEqualTo("content_filter");
        AuditEvent a = onlyAudit();
        assertThat(a.requestId()).isEqualTo("r1");
        assertThat(a.decision()).isEqualTo(AuditEvent.BLOCKED);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.side()).isEqualTo("prompt");
        assertThat(a.policies()).containsExactly("strict");
        assertThat(a.categories()).extracting(AuditEvent.Category::category)
                .containsExactlyInAnyOrder("custom_blocklists", "pii");
        assertThat(a.rawText()).isNull();
        assertThat(a.textSha256()).hasSize(64);
        assertThat(a.excerpt()).doesNotContain("a@b.io").doesNotContain("Falcon");
    }

    @Test
    void aRedactedPromptIsDispatchedRedactedAndAudited() throws Exception {
        start(false, pii(CheckMode.REDACT));
        send("r1", "team-a", "card 4111 1111 1111 1111 please");
        PromptRecord p = dispatched();
        assertThat(userText(p)).isEqualTo("card [REDACTED:CARD] please");
        AuditEvent a = onlyAudit();
        assertThat(a.decision()).isEqualTo(AuditEvent.REDACTED);
        assertThat(a.excerpt()).isEqualTo("card [REDACTED:CARD] please");
        assertThat(replies.isEmpty()).isTrue();
    }

    @Test
    void aRequestNoPolicyCoversPassesUntouchedWithoutAnAuditEvent() throws Exception {
        start(false, pii(CheckMode.REDACT));
        send("r1", "team-b", "card 4111 1111 1111 1111 please");
        assertThat(userText(dispatched())).contains("4111 1111 1111 1111");
        assertThat(audit.isEmpty()).isTrue();
    }

    @Test
    void anExternalCheckWaitsForItsVerdictThenDispatchesOnce() throws Exception {
        start(false, pii(CheckMode.REDACT), azure());
        send("r1", "team-a", "hello a@b.io");
        assertThat(dispatch.isEmpty()).isTrue();
        TestRecord<String, byte[]> check = checks.readRecord();
        assertThat(check.key()).isEqualTo("r1");
        SafetyCheckRequest request = SafetyCheckRequest.fromJson(check.value());
        assertThat(request.text()).isEqualTo("hello [REDACTED:EMAIL]");
        assertThat(request.checks()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("strict/azure");
            assertThat(c.type()).isEqualTo("azure-text-analysis");
            assertThat(c.service()).isEqualTo("cs");
        });
        assertThat(request.deadlineEpochMs()).isEqualTo(clock.millis() + 500);

        byte[] verdict = new SafetyVerdict("r1", List.of(new Result("strict/azure", "azure-text-analysis", "cs",
                SafetyVerdict.OK, 20, Map.of("Hate", 2.0, "Violence", 0.0), null, List.of(), null, null, null)))
                .toJsonBytes();
        verdicts.pipeInput("r1", verdict, clock.instant());
        assertThat(userText(dispatched())).isEqualTo("hello [REDACTED:EMAIL]");
        verdicts.pipeInput("r1", verdict, clock.instant());
        assertThat(dispatch.isEmpty()).isTrue();
        AuditEvent a = onlyAudit();
        assertThat(a.decision()).isEqualTo(AuditEvent.REDACTED);
        assertThat(a.checks()).extracting(AuditEvent.CheckRun::check).containsExactly("strict/pii", "strict/azure");
    }

    @Test
    void aVerdictOverAThresholdBlocksWithTheSeverity() throws Exception {
        start(false, azure());
        send("r1", "team-a", "something hateful");
        checks.readRecord();
        verdicts.pipeInput("r1", new SafetyVerdict("r1", List.of(new Result("strict/azure", "azure-text-analysis",
                "cs", SafetyVerdict.OK, 20, Map.of("Hate", 6.0), null, null, null, null, null))).toJsonBytes());
        ReplyRecord reply = reply();
        assertThat(reply.status()).isEqualTo(400);
        JsonNode hate = Json.MAPPER.readTree(reply.body()).path("error").path("innererror")
                .path("content_filter_result").path("hate");
        assertThat(hate.path("filtered").asBoolean()).isTrue();
        assertThat(hate.path("severity").asText()).isEqualTo("high");
        assertThat(dispatch.isEmpty()).isTrue();
        assertThat(onlyAudit().decision()).isEqualTo(AuditEvent.BLOCKED);
    }

    @Test
    void aFailedServiceFailsClosedWith503AndRetryAfter() throws Exception {
        start(false, azure());
        send("r1", "team-a", "hello");
        checks.readRecord();
        verdicts.pipeInput("r1", new SafetyVerdict("r1", List.of(Result.failed("strict/azure", "azure-text-analysis",
                "cs", SafetyVerdict.TIMEOUT, 500, "no answer from 'cs' within 500 ms"))).toJsonBytes());
        ReplyRecord reply = reply();
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.responseHeaders()).containsEntry("retry-after", "7");
        assertThat(Json.MAPPER.readTree(reply.body()).path("error").path("code").asText())
                .isEqualTo("content_safety_unavailable");
        assertThat(UsageEvent.fromJson(usage.readValue()).status()).isEqualTo(503);
        AuditEvent a = onlyAudit();
        assertThat(a.decision()).isEqualTo(AuditEvent.FAILED_CLOSED);
        assertThat(a.checks()).singleElement().satisfies(c -> assertThat(c.outcome()).isEqualTo("timeout"));
    }

    @Test
    void withoutAVerdictTheStageStopsWaitingAndFailsOpenWhenThePolicySaysSo() throws Exception {
        start(true, azure());
        send("r1", "team-a", "hello");
        checks.readRecord();
        clock.advance(Duration.ofMillis(400));
        driver.advanceWallClockTime(Duration.ofMillis(400));
        assertThat(dispatch.isEmpty()).isTrue();
        clock.advance(Duration.ofMillis(500 + SafetyProcessor.TRANSPORT_GRACE_MS));
        driver.advanceWallClockTime(Duration.ofMillis(500 + SafetyProcessor.TRANSPORT_GRACE_MS));
        assertThat(dispatched().requestId()).isEqualTo("r1");
        assertThat(onlyAudit().decision()).isEqualTo(AuditEvent.FAILED_OPEN);
        verdicts.pipeInput("r1", new SafetyVerdict("r1", List.of()).toJsonBytes());
        assertThat(dispatch.isEmpty()).isTrue();
    }
}
