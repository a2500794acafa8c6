package io.sluice.processors.quota;

import io.sluice.processors.reply.Rejection;
import io.sluice.records.ApiError;
import io.sluice.records.Attributes;
import io.sluice.records.PromptRecord;
import io.sluice.records.governance.Budget;
import io.sluice.records.governance.GovernanceErrors;
import io.sluice.records.governance.Limits;
import io.sluice.records.governance.Spend;
import io.sluice.records.governance.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Admits a request against its subscription's limits: refuses a suspended subscription, a model it
 * may not use, a spent budget or quota, and a request over a per-minute or parallel limit;
 * otherwise reserves the prompt plus the completion tokens it may use and passes it on with its
 * rate-limit headers. The counter is the request's counter key, which is also its record key, so
 * one task is its only writer.
 */
final class QuotaProcessor implements Processor<String, PromptRecord, String, Object> {

    /** How long past its deadline a reservation waits for its reconciliation before it is released. */
    static final long RECONCILE_GRACE_MS = 60_000;
    /** Reservations of requests without a deadline expire this long after admission. */
    static final long NO_DEADLINE_HOLD_MS = 15 * 60_000;
    static final Duration EXPIRY_SCAN = Duration.ofSeconds(10);

    private final QuotaSettings settings;
    private final Clock clock;
    private final String next;
    private ProcessorContext<String, Object> context;
    private Rejection rejection;
    private KeyValueStore<String, CounterState> counters;
    private KeyValueStore<String, Reservation> reservations;

    QuotaProcessor(QuotaSettings settings, Clock clock, String next) {
        this.settings = settings;
        this.clock = clock;
        this.next = next;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.rejection = new Rejection(clock);
        this.counters = context.getStateStore(QuotaStores.COUNTERS);
        this.reservations = context.getStateStore(QuotaStores.RESERVATIONS);
        context.schedule(EXPIRY_SCAN, PunctuationType.WALL_CLOCK_TIME, t -> expire());
    }

    @Override
    public void process(Record<String, PromptRecord> record) {
        PromptRecord prompt = record.value();
        Subscription sub = settings.subscriptions().subscription(prompt.subscriptionId());
        if (sub == null) {
            // a subscription seeded only on another instance's view, or deleted while queued: ingress
            // authenticated the caller, so the request passes without limits rather than failing
            context.forward(record, next);
            return;
        }
        ApiError refusal = !sub.active() ? GovernanceErrors.subscriptionSuspended(sub.id())
                : !sub.mayUse(prompt.model()) ? GovernanceErrors.modelNotAllowed(prompt.model(), sub.id())
                : overBudget(sub);
        if (refusal != null) {
            rejection.reject(context, record, prompt, refusal);
            return;
        }
        Limits limits = sub.limits();
        if (!limits.counted()) {
            context.forward(record, next);
            return;
        }
        admit(record, prompt, limits);
    }

    private void admit(Record<String, PromptRecord> record, PromptRecord prompt, Limits limits) {
        Instant now = clock.instant();
        String counterKey = counterKey(record, prompt);
        PromptTokens.Estimate estimate = limits.countsTokens()
                ? PromptTokens.estimate(prompt, settings.defaultCompletionTokens())
                : new PromptTokens.Estimate(0, 0);
        long minute = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), Limiter.MINUTE_MS);
        long period = limits.tokenQuota() == null ? 0 : limits.tokenQuota().period().start(now).toEpochMilli();
        CounterState state = counters.get(counterKey);
        state = (state == null ? CounterState.EMPTY : state).rolledTo(minute, period);
        Limiter.Decision decision = Limiter.decide(limits, state, estimate.total(), now);
        PromptRecord withHeaders = prompt;
        for (Map.Entry<String, String> h : decision.headers().entrySet()) {
            withHeaders = withHeaders.withResponseHeader(h.getKey(), h.getValue());
        }
        if (!decision.admitted()) {
            rejection.reject(context, record, withHeaders, decision.error());
            return;
        }
        counters.put(counterKey, decision.state());
        long deadline = prompt.deadlineEpochMs();
        long expires = deadline == Long.MAX_VALUE || deadline <= 0 ? now.toEpochMilli() + NO_DEADLINE_HOLD_MS
                : deadline + RECONCILE_GRACE_MS;
        reservations.put(prompt.requestId(), new Reservation(counterKey, estimate.total(), estimate.promptTokens(),
                minute, period, expires));
        PromptRecord admitted = withHeaders.withAttribute(Attributes.COUNTER_KEY, counterKey)
                .withAttribute(Attributes.QUOTA_RESERVED, Long.toString(estimate.total()))
                .withAttribute(Attributes.QUOTA_PROMPT_TOKENS, Long.toString(estimate.promptTokens()));
        context.forward(record.withValue(admitted), next);
    }

    private static String counterKey(Record<String, PromptRecord> record, PromptRecord prompt) {
        String fromIngress = prompt.attribute(Attributes.COUNTER_KEY);
        if (fromIngress != null) {
            return fromIngress;
        }
        return record.key() != null ? record.key() : prompt.subscriptionId();
    }

    private ApiError overBudget(Subscription sub) {
        Budget budget = sub.limits().budget();
        if (budget == null) {
            return null;
        }
        Spend spend = settings.subscriptions().spend(sub.id());
        Instant now = clock.instant();
        if (spend == null || spend.period() != budget.period() || spend.spentUsd() == null
                || !Instant.parse(spend.periodStart()).equals(budget.period().start(now))
                || spend.spentUsd().compareTo(budget.usd()) < 0) {
            return null;
        }
        return GovernanceErrors.budgetExceeded(budget.period(), budget.usd().toPlainString(),
                spend.spentUsd().toPlainString(), budget.period().end(now));
    }

    /** Releases in-flight slots of requests whose reconciliation never came (their egress died). */
    private void expire() {
        long now = clock.millis();
        List<KeyValue<String, Reservation>> expired = new ArrayList<>();
        try (KeyValueIterator<String, Reservation> it = reservations.all()) {
            while (it.hasNext()) {
                KeyValue<String, Reservation> kv = it.next();
                if (kv.value.expiresAt() <= now) {
                    expired.add(kv);
                }
            }
        }
        for (KeyValue<String, Reservation> kv : expired) {
            CounterState state = counters.get(kv.value.counterKey());
            if (state != null) {
                counters.put(kv.value.counterKey(), state.released());
            }
            reservations.delete(kv.key);
        }
    }
}
