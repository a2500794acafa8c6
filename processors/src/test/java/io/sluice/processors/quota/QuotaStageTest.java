package io.sluice.processors.quota;

import static io.sluice.processors.quota.QuotaTopologyDriver.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.processors.quota.QuotaTopologyDriver.Outcome;
import io.sluice.records.Attributes;
import io.sluice.records.UsageEvent;
import io.sluice.records.governance.Budget;
import io.sluice.records.governance.CounterScope;
import io.sluice.records.governance.Limits;
import io.sluice.records.governance.Period;
import io.sluice.records.governance.Spend;
import io.sluice.records.governance.Subscription;
import io.sluice.records.governance.TokenQuota;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The quota stage in the gateway topology, with a controlled clock across windows and periods. */
class QuotaStageTest {

    /** Prompt of {@link QuotaTopologyDriver#chat}: 3 per message + "user" + "hello" + 3 priming (o200k). */
    private static final long PROMPT = 8;

    private QuotaTopologyDriver d;

    @BeforeEach
    void start() throws Exception {
        d = new QuotaTopologyDriver("2026-11-24T10:00:10Z");
    }

    @AfterEach
    void stop() {
        d.close();
    }

    private void subscription(String id, Limits limits) {
        d.subscriptions.put(id, new Subscription(id, id, null, Subscription.State.ACTIVE, List.of(), limits, null,
                null));
    }

    private static Limits tpm(long tokens) {
        return new Limits(null, tokens, null, null, null, null);
    }

    @Test
    void admitsWhileTheReservationFitsTheMinuteThenAnswers429WithRetryAfterUntilTheNextMinute() {
        subscription("team-a", tpm(1000));
        for (int i = 1; i <= 9; i++) {
            Outcome o = d.send("team-a", chat(100));
            assertThat(o.admitted()).as("request %d", i).isTrue();
            assertThat(o.headers()).containsEntry("x-ratelimit-remaining-tokens",
                    Long.toString(1000 - i * (PROMPT + 100)));
        }
        d.advance(Duration.ofSeconds(5));
        Outcome refused = d.send("team-a", chat(100));

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.refused().status()).isEqualTo(429);
        assertThat(refused.error().code()).isEqualTo("rate_limit_exceeded");
        assertThat(refused.error().message()).contains("limit is 1000 per minute").contains("needs 108");
        // 10:00:15 → the window ends at 10:01:00
        assertThat(refused.headers()).containsEntry("retry-after", "45")
                .containsEntry("x-ratelimit-limit-tokens", "1000")
                .containsEntry("x-ratelimit-remaining-tokens", Long.toString(1000 - 9 * 108))
                .containsEntry("x-ratelimit-reset-tokens", "45s");
        assertThat(d.counter("team-a").minuteTokens()).isEqualTo(9 * 108);
    }

    @Test
    void theNextMinuteAdmitsAgainWithAFreshWindow() {
        subscription("team-a", tpm(300));
        assertThat(d.send("team-a", chat(100)).admitted()).isTrue();
        assertThat(d.send("team-a", chat(100)).admitted()).isTrue();
        assertThat(d.send("team-a", chat(100)).admitted()).isFalse();
        d.advance(Duration.ofSeconds(49));
        assertThat(d.send("team-a", chat(100)).admitted()).as("10:00:59, same window").isFalse();
        d.advance(Duration.ofSeconds(1));

        Outcome o = d.send("team-a", chat(100));
        assertThat(o.admitted()).as("10:01:00, next window").isTrue();
        assertThat(o.headers()).containsEntry("x-ratelimit-remaining-tokens", Long.toString(300 - 108))
                .containsEntry("x-ratelimit-reset-tokens", "60s");
    }

    @Test
    void aRequestLargerThanTheWholeLimitIsRefusedWithoutRetryAfter() {
        subscription("team-a", tpm(100));
        Outcome o = d.send("team-a", chat(500));
        assertThat(o.refused().status()).isEqualTo(429);
        assertThat(o.error().message()).contains("Request too large").contains("508").contains("max_tokens");
        assertThat(o.headers()).doesNotContainKey("retry-after");
    }

    @Test
    void aSpentDailyQuotaIs403NamingTheQuotaAndItsResetAndTheNextDayAdmits() {
        subscription("team-a", new Limits(null, null, new TokenQuota(250, Period.DAY), null, null, null));
        assertThat(d.send("team-a", chat(100)).admitted()).isTrue();
        assertThat(d.send("team-a", chat(100)).admitted()).isTrue();
        d.advance(Duration.ofHours(13));

        Outcome o = d.send("team-a", chat(100));
        assertThat(o.refused().status()).isEqualTo(403);
        assertThat(o.error().code()).isEqualTo("quota_exceeded");
        assertThat(o.error().message()).contains("daily token quota of 250 tokens").contains("34 left")
                .contains("resets at 2026-11-25T00:00:00Z");

        d.advance(Duration.ofMinutes(50));
        assertThat(d.send("team-a", chat(100)).admitted()).as("2026-11-24T23:50").isFalse();
        d.advance(Duration.ofMinutes(10));
        assertThat(d.send("team-a", chat(100)).admitted()).as("2026-11-25T00:00").isTrue();
        assertThat(d.counter("team-a").periodTokens()).isEqualTo(108);
    }

    @Test
    void aMonthlyQuotaSpansDaysAndResetsOnTheFirstOfTheMonth() {
        subscription("team-a", new Limits(null, null, new TokenQuota(216, Period.MONTH), null, null, null));
        d.clock.set(java.time.Instant.parse("2026-11-02T08:00:00Z"));
        assertThat(d.send("team-a", chat(100)).admitted()).isTrue();
        d.clock.set(java.time.Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(d.send("team-a", chat(100)).admitted()).isTrue();
        d.clock.set(java.time.Instant.parse("2026-11-30T23:59:59Z"));
        Outcome o = d.send("team-a", chat(100));
        assertThat(o.error().message()).contains("monthly").contains("resets at 2026-12-01T00:00:00Z");
        d.clock.set(java.time.Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(d.send("team-a", chat(100)).admitted()).isTrue();
    }

    @Test
    void requestsPerMinuteCountRequestsWhateverTheirSize() {
        subscription("team-a", new Limits(null, null, null, 2L, null, null));
        Outcome first = d.send("team-a", chat(5000));
        assertThat(first.headers()).containsEntry("x-ratelimit-limit-requests", "2")
                .containsEntry("x-ratelimit-remaining-requests", "1").doesNotContainKey("x-ratelimit-limit-tokens");
        assertThat(d.send("team-a", chat(5000)).admitted()).isTrue();
        Outcome third = d.send("team-a", chat(1));
        assertThat(third.refused().status()).isEqualTo(429);
        assertThat(third.headers()).containsEntry("x-ratelimit-remaining-requests", "0")
                .containsEntry("retry-after", "50");
    }

    @Test
    void maxParallelFreesASlotWhenARequestIsReconciled() {
        subscription("team-a", new Limits(null, null, null, null, 2L, null));
        Outcome a = d.send("team-a", chat(10));
        assertThat(d.send("team-a", chat(10)).admitted()).isTrue();
        Outcome refused = d.send("team-a", chat(10));
        assertThat(refused.refused().status()).isEqualTo(429);
        assertThat(refused.error().message()).contains("at most 2 at once");

        d.reconcile(a.dispatched(), 200, 8, 3);
        assertThat(d.send("team-a", chat(10)).admitted()).isTrue();
        assertThat(d.counter("team-a").inFlight()).isEqualTo(2);
    }

    @Test
    void reconciliationReplacesTheReservationByTheRealUsage() {
        subscription("team-a", tpm(10_000));
        Outcome o = d.send("team-a", chat(500));
        assertThat(o.dispatched().attribute(Attributes.QUOTA_RESERVED)).isEqualTo("508");
        assertThat(d.counter("team-a").minuteTokens()).isEqualTo(508);

        d.reconcile(o.dispatched(), 200, 8, 24);

        assertThat(d.counter("team-a").minuteTokens()).isEqualTo(32);
        assertThat(d.counter("team-a").inFlight()).isZero();
        assertThat(d.reservations()).isZero();
        assertThat(d.send("team-a", chat(100)).headers()).containsEntry("x-ratelimit-remaining-tokens",
                Long.toString(10_000 - 32 - 108));
    }

    @Test
    void aReconciliationThatArrivesTwiceCountsOnce() {
        subscription("team-a", tpm(10_000));
        Outcome o = d.send("team-a", chat(500));
        d.reconcile(o.dispatched(), 200, 8, 24);
        d.reconcile(o.dispatched(), 200, 8, 24);
        assertThat(d.counter("team-a").minuteTokens()).isEqualTo(32);
    }

    @Test
    void usageAboveTheEstimateIsChargedInFull() {
        subscription("team-a", tpm(10_000));
        Outcome o = d.send("team-a", chat(10));
        d.reconcile(o.dispatched(), 200, 40, 900);
        assertThat(d.counter("team-a").minuteTokens()).isEqualTo(940);
    }

    @Test
    void aReconciliationAfterTheWindowEndedLeavesTheNewWindowAlone() {
        subscription("team-a", new Limits(null, 10_000L, new TokenQuota(100_000, Period.DAY), null, null, null));
        Outcome o = d.send("team-a", chat(500));
        d.advance(Duration.ofMinutes(1));
        assertThat(d.send("team-a", chat(100)).admitted()).isTrue();
        d.reconcile(o.dispatched(), 200, 8, 24);
        assertThat(d.counter("team-a").minuteTokens()).as("the new minute keeps its own count").isEqualTo(108);
        assertThat(d.counter("team-a").periodTokens()).as("the day gets the real usage").isEqualTo(32 + 108);
    }

    @Test
    void aReservationWhoseReconciliationNeverComesIsReleasedAfterItsDeadline() {
        subscription("team-a", new Limits(null, null, null, null, 1L, null));
        assertThat(d.send("team-a", chat(10)).admitted()).isTrue();
        assertThat(d.send("team-a", chat(10)).admitted()).isFalse();
        // deadline 60 s + 60 s grace, found by the next scan
        d.advance(Duration.ofSeconds(130));
        assertThat(d.reservations()).isZero();
        assertThat(d.send("team-a", chat(10)).admitted()).isTrue();
    }

    @Test
    void aLaterStageThatEndsTheRequestReturnsItsReservation() {
        subscription("team-a", tpm(1000));
        d.send("team-a", "gpt-9", chat(100), Map.of());
        assertThat(d.reconciliationsWritten()).singleElement().satisfies(r -> {
            assertThat(r.counterKey()).isEqualTo("team-a");
            assertThat(r.totalTokens()).isZero();
            assertThat(r.status()).isEqualTo(404);
        });
        assertThat(d.counter("team-a").minuteTokens()).isZero();
        assertThat(d.counter("team-a").inFlight()).isZero();
    }

    @Test
    void countersArePerCounterKeyWhenTheSubscriptionCountsPerKey() {
        subscription("team-a", new Limits(CounterScope.parse("key"), 200L, null, null, null, null));
        Map<String, String> k1 = Map.of(Attributes.COUNTER_KEY, "team-a|key:k1");
        Map<String, String> k2 = Map.of(Attributes.COUNTER_KEY, "team-a|key:k2");
        assertThat(d.send("team-a", "gpt-4o-mini", chat(100), k1).admitted()).isTrue();
        assertThat(d.send("team-a", "gpt-4o-mini", chat(100), k1).admitted()).isFalse();
        assertThat(d.send("team-a", "gpt-4o-mini", chat(100), k2).admitted()).isTrue();
        assertThat(d.counter("team-a|key:k1").minuteTokens()).isEqualTo(108);
        assertThat(d.counter("team-a|key:k2").minuteTokens()).isEqualTo(108);
    }

    @Test
    void aSuspendedSubscriptionIsRefusedWith403() {
        d.subscriptions.put("team-a", new Subscription("team-a", "A", null, Subscription.State.SUSPENDED, List.of(),
                Limits.NONE, null, null));
        Outcome o = d.send("team-a", chat(10));
        assertThat(o.refused().status()).isEqualTo(403);
        assertThat(o.error().code()).isEqualTo("subscription_suspended");
        assertThat(d.usageEvents()).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void aModelOutsideTheSubscriptionsListIsRefused() {
        d.subscriptions.put("team-a", new Subscription("team-a", "A", null, Subscription.State.ACTIVE,
                List.of("text-embedding-3-small"), Limits.NONE, null, null));
        Outcome o = d.send("team-a", chat(10));
        assertThat(o.refused().status()).isEqualTo(403);
        assertThat(o.error().code()).isEqualTo("model_not_allowed");
        assertThat(o.error().param()).isEqualTo("model");
    }

    @Test
    void aSpentBudgetIs403UntilTheNextPeriod() {
        subscription("team-a", new Limits(null, null, null, null, null, new Budget(new BigDecimal("5"),
                Period.MONTH)));
        d.spend.put("team-a", new Spend("team-a", Period.MONTH, "2026-11-01T00:00:00Z", new BigDecimal("4.99")));
        assertThat(d.send("team-a", chat(10)).admitted()).isTrue();

        d.spend.put("team-a", new Spend("team-a", Period.MONTH, "2026-11-01T00:00:00Z", new BigDecimal("5.0001")));
        Outcome o = d.send("team-a", chat(10));
        assertThat(o.refused().status()).isEqualTo(403);
        assertThat(o.error().code()).isEqualTo("budget_exceeded");
        assertThat(o.error().message()).contains("monthly budget of 5 USD").contains("5.0001 USD")
                .contains("resets at 2026-12-01T00:00:00Z");

        d.clock.set(java.time.Instant.parse("2026-12-01T00:00:01Z"));
        assertThat(d.send("team-a", chat(10)).admitted()).as("last month's spend").isTrue();
    }

    @Test
    void aSubscriptionWithoutLimitsPassesWithoutReservationOrHeaders() {
        subscription("team-a", Limits.NONE);
        Outcome o = d.send("team-a", chat(10));
        assertThat(o.admitted()).isTrue();
        assertThat(o.headers()).isEmpty();
        assertThat(o.dispatched().attribute(Attributes.QUOTA_RESERVED)).isNull();
        assertThat(d.counter("team-a")).isNull();
    }

    @Test
    void embeddingsReserveTheirInputTokensOnly() {
        subscription("team-a", tpm(1000));
        Outcome o = d.send("team-a", "text-embedding-3-small",
                "{\"model\":\"text-embedding-3-small\",\"input\":[\"hello\",\"hello world\"]}", Map.of());
        assertThat(o.dispatched().attribute(Attributes.QUOTA_RESERVED)).isEqualTo("3");
    }

    @Test
    void aRefusalYieldsItsOneUsageEventWithTheStatusTheClientSaw() {
        subscription("team-a", tpm(100));
        d.send("team-a", chat(90));
        d.send("team-a", chat(90));
        List<UsageEvent> events = d.usageEvents();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.errorCode()).isEqualTo("rate_limit_exceeded");
        });
    }
}
