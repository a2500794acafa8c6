package io.sluice.egress.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.records.Json;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.safety.AuditEvent;
import io.sluice.safety.detect.KeywordDetector;
import io.sluice.safety.detect.PiiDetector;
import io.sluice.safety.policy.AuditSettings;
import io.sluice.safety.policy.Check;
import io.sluice.safety.policy.CheckMode;
import io.sluice.safety.policy.CheckType;
import io.sluice.safety.policy.PolicyBook;
import io.sluice.safety.policy.SafetyPolicy;
import io.sluice.safety.policy.SafetySettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answer side: whole answers checked before they are returned, streams over a sliding window. */
class ResponseGuardTest {

    private final List<AuditEvent> audits = new ArrayList<>();

    private ResponseGuard guard(CheckMode piiMode, int window) {
        Check keywords = new Check("keywords", CheckType.KEYWORDS, CheckMode.BLOCK, true, true,
                new KeywordDetector(List.of("project falcon")), null);
        Check pii = new Check("pii", CheckType.PII, piiMode, true, true, PiiDetector.all(), null);
        SafetyPolicy policy = new SafetyPolicy("p", List.of(keywords, pii), 500, false, 1);
        return new ResponseGuard(new SafetySettings(new PolicyBook(Map.of("p", policy), Map.of("team-a", List.of("p")),
                Map.of(), List.of()), AuditSettings.DEFAULTS, window), audits::add, Clock.systemUTC());
    }

    private static PromptRecord prompt(String subscription) {
        return new PromptRecord("r1", subscription, "k", "gpt-4o-mini", Operation.CHAT, true, true, Long.MAX_VALUE,
                "replies", Map.of(), new byte[0]);
    }

    private static byte[] answer(String content) {
        return ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":" + Json.toString(content) + "},\"finish_reason\":"
                + "\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] chunk(String content) {
        return ("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + Json.toString(content) + "},"
                + "\"finish_reason\":null}]}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWholeAnswerWithABlockedTermIsReplacedByAContentFilterAnswerWithUsageKept() throws Exception {
        ResponseGuard.Verdict v = guard(CheckMode.LOG, 1024).check(prompt("team-a"),
                answer("The plan for Project Falcon is secret."));
        assertThat(v.filtered()).isTrue();
        JsonNode json = Json.MAPPER.readTree(v.body());
        JsonNode choice = json.path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(choice.path("message").path("content").isNull()).isTrue();
        assertThat(choice.path("content_filter_results").path("custom_blocklists").path("filtered").asBoolean())
                .isTrue();
        assertThat(json.path("usage").path("completion_tokens").asInt()).isEqualTo(7);
        assertThat(audits).singleElement().satisfies(a -> {
            assertThat(a.side()).isEqualTo("response");
            assertThat(a.decision()).isEqualTo(AuditEvent.BLOCKED);
            assertThat(a.excerpt()).doesNotContain("Falcon");
        });
    }

    @Test
    void aWholeAnswerIsRedactedOrPassedUnchanged() throws Exception {
        ResponseGuard g = guard(CheckMode.REDACT, 1024);
        ResponseGuard.Verdict redacted = g.check(prompt("team-a"), answer("Reach Bob at bob@corp.example."));
        assertThat(redacted.filtered()).isFalse();
        assertThat(Json.MAPPER.readTree(redacted.body()).path("choices").get(0).path("message").path("content")
                .asText()).isEqualTo("Reach Bob at [REDACTED:EMAIL].");
        byte[] clean = answer("Nothing to see.");
        assertThat(g.check(prompt("team-a"), clean).body()).isSameAs(clean);
        assertThat(audits).extracting(AuditEvent::decision).containsExactly(AuditEvent.REDACTED, AuditEvent.ALLOWED);
        byte[] other = answer("Project Falcon");
        assertThat(g.check(prompt("team-b"), other).body()).isSameAs(other);
        assertThat(audits).hasSize(2);
    }

    @Test
    void aStreamStopsWhenATermSplitOverChunksAppearsInTheWindow() throws Exception {
        StreamGuard s = guard(CheckMode.LOG, 64).open(prompt("team-a"));
        assertThat(s.onChunk(chunk("Let me tell you about Pro")).stop()).isFalse();
        assertThat(s.onChunk(chunk("ject Fal")).stop()).isFalse();
        StreamGuard.Step step = s.onChunk(chunk("con and more."));
        assertThat(step.stop()).isTrue();
        JsonNode last = Json.MAPPER.readTree(step.replacement());
        assertThat(last.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(last.path("id").asText()).isEqualTo("c1");
        assertThat(last.path("choices").get(0).path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(last.path("choices").get(0).path("delta").size()).isZero();
        s.onEnd();
        assertThat(audits).singleElement().satisfies(a -> {
            assertThat(a.decision()).isEqualTo(AuditEvent.BLOCKED);
            assertThat(a.textSha256()).hasSize(64);
        });
    }

    @Test
    void theWindowSlidesSoEarlierTextIsNotReportedTwice() {
        StreamGuard s = guard(CheckMode.LOG, 64).open(prompt("team-a"));
        assertThat(s.onChunk(chunk("write to a@b.io ")).stop()).isFalse();
        for (int i = 0; i < 20; i++) {
            assertThat(s.onChunk(chunk("and some more words ")).stop()).isFalse();
        }
        assertThat(s.onChunk("[DONE]".getBytes(StandardCharsets.UTF_8)).stop()).isFalse();
        s.onEnd();
        assertThat(audits).singleElement().satisfies(a -> {
            assertThat(a.decision()).isEqualTo(AuditEvent.LOGGED);
            assertThat(a.checks()).filteredOn(c -> c.check().equals("p/pii")).singleElement()
                    .satisfies(c -> assertThat(c.findings()).isEqualTo(1));
        });
    }

    @Test
    void aRequestWithoutAnswerSidePoliciesGetsTheNoOpGuard() {
        assertThat(guard(CheckMode.LOG, 64).open(prompt("team-b"))).isSameAs(StreamGuard.NONE);
    }
}
