package io.sluice.observability.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.records.Json;
import io.sluice.records.UsageEvent;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    @Test
    void aLineHoldsTheRequestsFactsAsOneJsonObject() throws Exception {
        UsageEvent e = UsageEvent.builder().requestId("req_1").subscriptionId("team-a").keyId("key_1")
                .endUser("alice").model("gpt-4o").backend("azure-eu").operation("chat").status(200).promptTokens(10)
                .completionTokens(4).costUsd(new BigDecimal("0.00012")).latencyMs(321.5).ttftMs(40.0)
                .attempts(List.of(new UsageEvent.Attempt("azure-eu", 200, "success", 300)))
                .timestamp("2026-11-24T10:00:00Z").build();
        String line = RequestLog.line(e, "redacted");
        assertThat(line).doesNotContain("\n");
        JsonNode n = Json.MAPPER.readTree(line);
        assertThat(n.path("request_id").asText()).isEqualTo("req_1");
        assertThat(n.path("subscription").asText()).isEqualTo("team-a");
        assertThat(n.path("backend").asText()).isEqualTo("azure-eu");
        assertThat(n.path("status").asInt()).isEqualTo(200);
        assertThat(n.path("total_tokens").asLong()).isEqualTo(14);
        assertThat(n.path("latency_ms").asDouble()).isEqualTo(321.5);
        assertThat(n.path("attempts").asInt()).isEqualTo(1);
        assertThat(n.path("cache").asText()).isEqualTo("none");
        assertThat(n.path("safety").asText()).isEqualTo("redacted");
        assertThat(n.has("end_user")).isFalse();
    }

    @Test
    void aContentFilterRefusalLogsAsBlockedEvenWithoutItsAuditEvent() throws Exception {
        UsageEvent e = UsageEvent.builder().requestId("req_2").status(400).errorCode("content_filter").build();
        assertThat(Json.MAPPER.readTree(RequestLog.line(e, null)).path("safety").asText()).isEqualTo("blocked");
    }
}
