package io.sluice.processors.batch;

import io.sluice.processors.quota.CounterState;
import io.sluice.processors.quota.PromptTokens;
import io.sluice.processors.quota.QuotaSettings;
import io.sluice.records.ApiError;
import io.sluice.records.PromptRecord;
import io.sluice.records.batch.LineError;
import io.sluice.records.governance.Budget;
import io.sluice.records.governance.GovernanceErrors;
import io.sluice.records.governance.Limits;
import io.sluice.records.governance.Spend;
import io.sluice.records.governance.Subscription;
import io.sluice.records.governance.TokenQuota;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Paces batch lines by the counters of the interactive quota stage (the same store, in the same
 * task): a line takes its reservation from the same minute window, request window and quota
 * period as interactive requests do, so the subscription's limits hold for both together. Batch
 * lines stop at {@code 1 - reserve} of each per-minute limit, so interactive requests of the
 * subscription always find that share free; they do not hold parallel-request slots. A line waits
 * when its window is full, and is refused only when it could never fit.
 */
final class CounterWindow implements QuotaWindow {

    static final long MINUTE_MS = 60_000;
    /** A line waiting for a period (quota, budget) to end asks again at least this often. */
    static final long RECHECK_MS = 60_000;

    private final KeyValueStore<String, CounterState> counters;
    private final QuotaSettings quota;
    private final double reserve;

    CounterWindow(KeyValueStore<String, CounterState> counters, QuotaSettings quota, double reserve) {
        this.counters = counters;
        this.quota = quota;
        this.reserve = reserve;
    }

    @Override
    public Grant take(String counterKey, PromptRecord prompt, long nowMs) {
        Subscription sub = quota.subscriptions().subscription(prompt.subscriptionId());
        if (sub == null) {
            // authenticated, but not (or no longer) in this instance's view: no limits to apply
            return Grant.Granted.FREE;
        }
        if (!sub.active()) {
            return refused(GovernanceErrors.subscriptionSuspended(sub.id()));
        }
        if (!sub.mayUse(prompt.model())) {
            return refused(GovernanceErrors.modelNotAllowed(prompt.model(), sub.id()));
        }
        Instant now = Instant.ofEpochMilli(nowMs);
        Long budgetEnds = budgetSpentUntil(sub, now);
        if (budgetEnds != null) {
            return new Grant.Wait(Math.min(budgetEnds, nowMs + RECHECK_MS));
        }
        Limits limits = sub.limits();
        if (!limits.counted()) {
            return Grant.Granted.FREE;
        }
        PromptTokens.Estimate estimate = limits.countsTokens()
                ? PromptTokens.estimate(prompt, quota.defaultCompletionTokens())
                : new PromptTokens.Estimate(0, 0);
        long need = estimate.total();
        long minute = nowMs - Math.floorMod(nowMs, MINUTE_MS);
        TokenQuota tokenQuota = limits.tokenQuota();
        long period = tokenQuota == null ? 0 : tokenQuota.period().start(now).toEpochMilli();
        CounterState stored = counters.get(counterKey);
        CounterState state = (stored == null ? CounterState.EMPTY : stored).rolledTo(minute, period);
        Long tpm = limits.tokensPerMinute();
        if (tpm != null && need > tpm) {
            return refused(GovernanceErrors.requestTooLarge(tpm, need));
        }
        if (tokenQuota != null && state.periodTokens() + need > tokenQuota.tokens()) {
            return new Grant.Wait(Math.min(tokenQuota.period().end(now).toEpochMilli(), nowMs + RECHECK_MS));
        }
        if (!fits(state.minuteTokens(), need, tpm) || !fits(state.minuteRequests(), 1, limits.requestsPerMinute())) {
            return new Grant.Wait(minute + MINUTE_MS);
        }
        counters.put(counterKey, new CounterState(state.minuteStart(), state.minuteTokens() + need,
                state.minuteRequests() + 1, state.periodStart(), state.periodTokens() + need, state.inFlight()));
        return new Grant.Granted(need, estimate.promptTokens(), minute, period);
    }

    /**
     * Whether {@code need} more fits a per-minute {@code limit} of which {@code used} is taken, within
     * the batch share; a line larger than the batch share still runs in a window nobody has used yet.
     */
    private boolean fits(long used, long need, Long limit) {
        if (limit == null) {
            return true;
        }
        long share = (long) Math.floor(limit * (1 - reserve));
        return used + need <= share || (used == 0 && need <= limit);
    }

    /** When the budget period ends, if the subscription's budget is spent; else null. */
    private Long budgetSpentUntil(Subscription sub, Instant now) {
        Budget budget = sub.limits().budget();
        if (budget == null) {
            return null;
        }
        Spend spend = quota.subscriptions().spend(sub.id());
        if (spend == null || spend.period() != budget.period() || spend.spentUsd() == null
                || !Instant.parse(spend.periodStart()).equals(budget.period().start(now))
                || spend.spentUsd().compareTo(budget.usd()) < 0) {
            return null;
        }
        return budget.period().end(now).toEpochMilli();
    }

    @Override
    public void settle(Outstanding o, long actualTokens) {
        if (o.reserved() == 0 && o.minuteStart() == 0) {
            return;
        }
        CounterState state = counters.get(o.counterKey());
        if (state == null) {
            return;
        }
        CounterState r = state.reconcile(o.minuteStart(), o.periodStart(), o.reserved(), actualTokens);
        // batch lines never counted as in flight: keep the interactive requests' count as it is
        counters.put(o.counterKey(), new CounterState(r.minuteStart(), r.minuteTokens(), r.minuteRequests(),
                r.periodStart(), r.periodTokens(), state.inFlight()));
    }

    private static Grant refused(ApiError e) {
        return new Grant.Refused(LineError.of(e));
    }
}
