package io.sluice.observability.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.records.UsageEvent;
import io.sluice.records.safety.AuditEvent;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Counters and histograms of finished requests, fed with the usage events (one per request, after
 * the ledger deduplicated and priced them) and the safety audit events. Labels are bounded: ids of
 * configured subscriptions, models and backends, HTTP status codes, and fixed vocabularies; never a
 * request id, a key or user input.
 */
public final class UsageMeters {

    /** Error codes the quota stage answers with (a backend's own 429 has a backend and is not one). */
    static final Set<String> QUOTA_CODES = Set.of("rate_limit_exceeded", "quota_exceeded", "budget_exceeded",
            "subscription_suspended", "model_not_allowed", "subscription_not_found");

    private final MeterRegistry registry;

    public UsageMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts one finished request. */
    public void usage(UsageEvent e) {
        String subscription = orNone(e.subscriptionId());
        String model = orNone(e.model());
        String backend = orNone(e.backend());
        Counter.builder("sluice.requests").description("Finished requests (one usage event each)")
                .tags("subscription", subscription, "model", model, "backend", backend, "status",
                        Integer.toString(e.status()))
                .register(registry).increment();
        tokens(subscription, model, backend, "prompt", e.promptTokens());
        tokens(subscription, model, backend, "completion", e.completionTokens());
        tokens(subscription, model, backend, "cached", e.cachedTokens() == null ? 0 : e.cachedTokens());
        if (e.promptTokens() > 0 || e.completionTokens() > 0) {
            tokenUsage(model, "input", e.promptTokens());
            tokenUsage(model, "output", e.completionTokens());
        }
        if (e.costUsd() != null) {
            Counter.builder("sluice.cost.usd").description("Cost of finished requests in US dollars, from the price table")
                    .tags("subscription", subscription, "model", model)
                    .register(registry).increment(e.costUsd().doubleValue());
        }
        Timer.builder("sluice.request.duration")
                .description("Time from ingress receiving a request to its last reply record (gen_ai.client.operation.duration)")
                .tags("model", model, "backend", backend, "mode", orNone(e.mode()))
                .serviceLevelObjectives(Buckets.LATENCY)
                .register(registry).record(Math.round(e.latencyMs() * 1_000_000), TimeUnit.NANOSECONDS);
        if (e.ttftMs() != null) {
            Timer.builder("sluice.time.to.first.token")
                    .description("Time from ingress receiving a streamed request to its first chunk (gen_ai.server.time_to_first_token)")
                    .tags("model", model, "backend", backend)
                    .serviceLevelObjectives(Buckets.LATENCY)
                    .register(registry).record(Math.round(e.ttftMs() * 1_000_000), TimeUnit.NANOSECONDS);
        }
        if ("hit".equals(e.cache()) && e.tokensSaved() != null) {
            Counter.builder("sluice.cache.tokens.saved").description("Tokens answered from the cache instead of a backend")
                    .tags("model", model).register(registry).increment(e.tokensSaved());
        }
        if (e.errorCode() != null && e.backend() == null && e.attempts() == null
                && QUOTA_CODES.contains(e.errorCode())) {
            Counter.builder("sluice.quota.rejections").description("Requests refused by token governance")
                    .tags("subscription", subscription, "reason", e.errorCode())
                    .register(registry).increment();
        }
        if (e.attempts() != null) {
            for (UsageEvent.Attempt a : e.attempts()) {
                Counter.builder("sluice.backend.attempts").description("Backend calls made for finished requests")
                        .tags("backend", orNone(a.backend()), "outcome", orNone(a.outcome()))
                        .register(registry).increment();
            }
            if (e.attempts().size() > 1) {
                Counter.builder("sluice.failovers").description("Requests that needed more than one backend call")
                        .tags("model", model).register(registry).increment();
            }
        }
    }

    /** Counts one content-safety decision. */
    public void audit(AuditEvent a) {
        String side = orNone(a.side());
        Counter.builder("sluice.safety.decisions").description("Content-safety decisions")
                .tags("side", side, "decision", orNone(a.decision()))
                .register(registry).increment();
        if (AuditEvent.BLOCKED.equals(a.decision()) && a.categories() != null) {
            a.categories().stream().filter(c -> "blocked".equals(c.action())).map(AuditEvent.Category::category)
                    .distinct().forEach(category -> Counter.builder("sluice.safety.blocks")
                            .description("Prompts refused and answers cut off, by the category that tripped")
                            .tags("side", side, "category", orNone(category))
                            .register(registry).increment());
        }
    }

    private void tokens(String subscription, String model, String backend, String type, long n) {
        Counter.builder("sluice.tokens").description("Tokens of finished requests (gen_ai.client.token.usage, summed)")
                .tags("subscription", subscription, "model", model, "backend", backend, "type", type)
                .register(registry).increment(n);
    }

    private void tokenUsage(String model, String type, long n) {
        DistributionSummary.builder("sluice.request.tokens")
                .description("Tokens per request (gen_ai.client.token.usage)")
                .tags("model", model, "type", type)
                .serviceLevelObjectives(Buckets.TOKENS)
                .register(registry).record(n);
    }

    static String orNone(String v) {
        return v == null || v.isEmpty() ? "none" : v;
    }
}
