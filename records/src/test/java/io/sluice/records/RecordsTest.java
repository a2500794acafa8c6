package io.sluice.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RecordsTest {

    private static final byte[] BODY = "{\"model\":\"gpt-4o\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aPromptSurvivesItsHeadersWithAttributes() {
        PromptRecord p = new PromptRecord("req_1", "team-a", "key_1", "gpt-4o", Operation.CHAT, true, true, 123L,
                "sluice.replies.gw-1", Map.of(Attributes.CLIENT_IP, "10.0.0.1", Attributes.END_USER, "u"), BODY);
        PromptRecord back = PromptRecord.from(p.toHeaders(), BODY);
        assertThat(back).usingRecursiveComparison().isEqualTo(p);
    }

    @Test
    void aDispatchCarriesItsBackendsInOrder() {
        PromptRecord p = new PromptRecord("req_1", "s", "k", "m", Operation.EMBEDDINGS, false, false, 1, "t", Map.of(),
                BODY);
        Headers h = new RecordHeaders();
        new DispatchRecord(p, List.of("b", "a")).writeTo(h);
        DispatchRecord d = DispatchRecord.from(h, BODY);
        assertThat(d.backends()).containsExactly("b", "a");
        assertThat(d.prompt().operation()).isEqualTo(Operation.EMBEDDINGS);
    }

    @Test
    void aRecordWithoutItsHeadersIsMalformedNamingTheHeader() {
        assertThatThrownBy(() -> PromptRecord.from(new RecordHeaders(), BODY))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("sluice-");
    }

    @Test
    void aReplyCarriesStatusSequenceAndResponseHeaders() {
        ReplyRecord r = new ReplyRecord("req_1", ReplyKind.CHUNK, 200, 7, Map.of("x-sluice-cache", "hit"), BODY);
        ReplyRecord back = ReplyRecord.from(r.toHeaders(), BODY);
        assertThat(back.kind()).isEqualTo(ReplyKind.CHUNK);
        assertThat(back.seq()).isEqualTo(7);
        assertThat(back.responseHeaders()).containsEntry("x-sluice-cache", "hit");
    }

    @Test
    void errorsAreOpenAiShaped() throws Exception {
        ApiError e = ApiError.modelNotFound("gpt-9");
        JsonNode json = Json.MAPPER.readTree(e.toJsonBytes());
        assertThat(json.path("error").path("code").asText()).isEqualTo("model_not_found");
        assertThat(json.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(json.path("error").path("param").asText()).isEqualTo("model");
        assertThat(json.path("error").has("message")).isTrue();
        assertThat(ApiError.overloaded(2).retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void usageEventsUseSnakeCaseOmitAbsentFieldsAndDeriveTheTotal() throws Exception {
        UsageEvent u = UsageEvent.builder().requestId("req_1").subscriptionId("s").model("m").status(200)
                .promptTokens(10).completionTokens(5).latencyMs(12.5).timestamp("2026-11-24T10:00:00Z").build();
        JsonNode json = Json.MAPPER.readTree(u.toJsonBytes());
        assertThat(json.path("total_tokens").asLong()).isEqualTo(15);
        assertThat(json.path("request_id").asText()).isEqualTo("req_1");
        assertThat(json.has("cost_usd")).isFalse();
        assertThat(json.has("ttft_ms")).isFalse();
        assertThat(UsageEvent.fromJson(u.toJsonBytes())).isEqualTo(u);
    }

    @Test
    void topicNamesShareThePrefix() {
        TopicNames t = new TopicNames("acme.");
        assertThat(t.requests()).isEqualTo("acme.requests");
        assertThat(t.replies("gw-1")).isEqualTo("acme.replies.gw-1");
        assertThatThrownBy(() -> new TopicNames("bad prefix")).isInstanceOf(IllegalArgumentException.class);
    }
}
