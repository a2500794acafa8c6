package io.sluice.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.records.UsageEvent;
import io.sluice.records.safety.AuditEvent;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageMetersTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final UsageMeters meters = new UsageMeters(registry);

    private static UsageEvent.Builder event(String id) {
        return UsageEvent.builder().requestId(id).subscriptionId("team-a").keyId("key_1").endUser("alice@example.com")
                .model("gpt-4o").operation("chat").timestamp("2026-11-24T10:00:00Z");
    }

    private double counter(String name, String... tags) {
        var search = registry.find(name).tags(tags);
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void countsRequestsTokensAndCostBySubscriptionModelBackendAndStatus() {
        meters.usage(event("req_1").backend("b1").status(200).promptTokens(10).completionTokens(5).cachedTokens(2L)
                .costUsd(new BigDecimal("0.0015")).latencyMs(120).build());
        meters.usage(event("req_2").backend("b1").status(200).promptTokens(7).completionTokens(3)
                .costUsd(new BigDecimal("0.0005")).latencyMs(80).build());
        meters.usage(event("req_3").backend("b2").status(502).errorCode("backend_error").latencyMs(30).build());

        assertThat(counter("sluice.requests", "subscription", "team-a", "backend", "b1", "status", "200")).isEqualTo(2);
        assertThat(counter("sluice.requests", "backend", "b2", "status", "502")).isEqualTo(1);
        assertThat(counter("sluice.tokens", "type", "prompt")).isEqualTo(17);
        assertThat(counter("sluice.tokens", "type", "completion")).isEqualTo(8);
        assertThat(counter("sluice.tokens", "type", "cached")).isEqualTo(2);
        assertThat(counter("sluice.cost.usd", "subscription", "team-a")).isEqualTo(0.002, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(registry.find("sluice.request.duration").timers().stream().mapToLong(t -> t.count()).sum())
                .isEqualTo(3);
    }

    @Test
    void aQuotaRejectionIsOneWithoutABackendAndABackendsOwn429IsNot() {
        meters.usage(event("req_1").status(429).errorCode("rate_limit_exceeded").build());
        meters.usage(event("req_2").backend("b1").status(429).errorCode("rate_limit_exceeded")
                .attempts(List.of(new UsageEvent.Attempt("b1", 429, "status", 3))).build());
        assertThat(counter("sluice.quota.rejections", "reason", "rate_limit_exceeded")).isEqualTo(1);
    }

    @Test
    void countsAttemptsFailoversAndSafetyBlocksByCategory() {
        meters.usage(event("req_1").backend("b2").status(200).attempts(List.of(
                new UsageEvent.Attempt("b1", 500, "status", 5), new UsageEvent.Attempt("b2", 200, "success", 9))).build());
        meters.audit(new AuditEvent(1, "req_2", "t", "prompt", "team-a", "key_1", "gpt-4o", List.of("p"), "blocked", 400,
                null, List.of(new AuditEvent.Category("hate", "4", 4.0, "azure", "blocked", null),
                        new AuditEvent.Category("violence", "0", 0.0, "azure", "passed", null)), 1, null, null, null,
                null));
        assertThat(counter("sluice.backend.attempts", "backend", "b1", "outcome", "status")).isEqualTo(1);
        assertThat(counter("sluice.failovers", "model", "gpt-4o")).isEqualTo(1);
        assertThat(counter("sluice.safety.blocks", "side", "prompt", "category", "hate")).isEqualTo(1);
        assertThat(counter("sluice.safety.blocks", "category", "violence")).isZero();
        assertThat(counter("sluice.safety.decisions", "decision", "blocked")).isEqualTo(1);
    }

    @Test
    void labelsNeverHoldTheRequestIdTheKeyOrTheEndUser() {
        meters.usage(event("req_secret_id").backend("b1").status(200).promptTokens(1).ttftMs(5.0).build());
        String text = registry.scrape();
        assertThat(text).contains("sluice_requests_total").doesNotContain("req_secret_id").doesNotContain("key_1")
                .doesNotContain("alice@example.com");
    }
}
