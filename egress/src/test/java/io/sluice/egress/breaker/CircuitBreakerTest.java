package io.sluice.egress.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.egress.ManualClock;
import io.sluice.records.BackendHealth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final ManualClock clock = new ManualClock(1_000_000);
    private final List<BackendHealth> published = new ArrayList<>();

    private CircuitBreaker breaker(BreakerSettings settings) {
        return new CircuitBreaker("azure-eu", settings, clock, "egress-1", published::add);
    }

    private static void fail(CircuitBreaker b, long retryAfterMs) {
        b.onFailure(b.tryAcquire(), "HTTP 500", retryAfterMs);
    }

    private static void succeed(CircuitBreaker b) {
        b.onSuccess(b.tryAcquire());
    }

    @Test
    void tripsOnTheFifthFailureInARowAndPublishesIt() {
        CircuitBreaker b = breaker(BreakerSettings.defaults());
        for (int i = 0; i < 4; i++) {
            fail(b, 0);
        }
        assertThat(b.tryAcquire()).isNotNull();
        assertThat(published).isEmpty();
        fail(b, 0);
        assertThat(b.tryAcquire()).isNull();
        assertThat(published).singleElement().satisfies(h -> {
            assertThat(h.isOpen()).isTrue();
            assertThat(h.openUntilMs()).isEqualTo(1_000_000 + 30_000);
            assertThat(h.instance()).isEqualTo("egress-1");
            assertThat(h.reason()).contains("5 failures in a row");
        });
    }

    @Test
    void aSuccessResetsTheRunOfFailures() {
        CircuitBreaker b = breaker(BreakerSettings.defaults());
        for (int i = 0; i < 4; i++) {
            fail(b, 0);
        }
        succeed(b);
        for (int i = 0; i < 4; i++) {
            fail(b, 0);
        }
        assertThat(b.snapshot().state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void tripsWhenHalfOfAtLeastTwentyCallsInTheIntervalFailed() {
        CircuitBreaker b = breaker(BreakerSettings.defaults());
        for (int i = 0; i < 9; i++) {
            succeed(b);
            fail(b, 0);
            clock.advance(1_000);
        }
        succeed(b);
        assertThat(b.snapshot().state()).isEqualTo(BreakerState.CLOSED);
        assertThat(b.snapshot().recentCalls()).isEqualTo(19);
        fail(b, 0);
        assertThat(b.snapshot().state()).isEqualTo(BreakerState.OPEN);
        assertThat(published.get(0).reason()).contains("50% of 20 calls");
    }

    @Test
    void forgetsFailuresOlderThanTheInterval() {
        CircuitBreaker b = breaker(BreakerSettings.defaults());
        for (int i = 0; i < 10; i++) {
            succeed(b);
            fail(b, 0);
        }
        clock.advance(31_000);
        assertThat(b.snapshot().recentCalls()).isZero();
        succeed(b);
        fail(b, 0);
        assertThat(b.snapshot().state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void staysOpenExactlyAsLongAsTheRetryAfterThatTrippedIt() {
        CircuitBreaker b = breaker(BreakerSettings.defaults());
        for (int i = 0; i < 5; i++) {
            fail(b, 7_000);
        }
        assertThat(published.get(0).openUntilMs()).isEqualTo(1_000_000 + 7_000);
        clock.advance(6_999);
        assertThat(b.tryAcquire()).isNull();
        assertThat(b.availableAtMs()).isEqualTo(1_007_000);
        clock.advance(1);
        CircuitBreaker.Permit probe = b.tryAcquire();
        assertThat(probe).isNotNull();
        assertThat(probe.probe()).isTrue();
        assertThat(b.snapshot().state()).isEqualTo(BreakerState.HALF_OPEN);
    }

    @Test
    void withoutRetryAfterItStaysOpenForTheConfiguredTime() {
        BreakerSettings s = new BreakerSettings(2, 50, 0, 30_000, 5_000, 60_000, 1, BreakerSettings.statuses(500, 599),
                false);
        CircuitBreaker b = breaker(s);
        fail(b, 7_000);
        fail(b, 7_000);
        assertThat(published.get(0).openUntilMs()).isEqualTo(1_000_000 + 5_000);
    }

    @Test
    void aRetryAfterLongerThanTheCapIsCapped() {
        CircuitBreaker b = breaker(BreakerSettings.defaults());
        for (int i = 0; i < 5; i++) {
            fail(b, 86_400_000);
        }
        assertThat(published.get(0).openUntilMs()).isEqualTo(1_000_000 + 600_000);
    }

    @Test
    void halfOpenLetsOnlyTheConfiguredProbesThroughAndTheirSuccessCloses() {
        BreakerSettings s = new BreakerSettings(1, 50, 0, 30_000, 1_000, 1_000, 2, BreakerSettings.statuses(500, 599),
                true);
        CircuitBreaker b = breaker(s);
        fail(b, 0);
        clock.advance(1_000);
        CircuitBreaker.Permit p1 = b.tryAcquire();
        CircuitBreaker.Permit p2 = b.tryAcquire();
        assertThat(p1).isNotNull();
        assertThat(p2).isNotNull();
        assertThat(b.tryAcquire()).isNull();
        b.onSuccess(p1);
        assertThat(b.snapshot().state()).isEqualTo(BreakerState.HALF_OPEN);
        b.onSuccess(p2);
        assertThat(b.snapshot().state()).isEqualTo(BreakerState.CLOSED);
        assertThat(published).hasSize(2);
        assertThat(published.get(1).isOpen()).isFalse();
        assertThat(published.get(1).reason()).contains("2 probes succeeded");
    }

    @Test
    void aFailedProbeOpensAgainForTheProbesRetryAfter() {
        CircuitBreaker b = breaker(BreakerSettings.defaults());
        for (int i = 0; i < 5; i++) {
            fail(b, 7_000);
        }
        clock.advance(7_000);
        b.onFailure(b.tryAcquire(), "HTTP 429", 3_000);
        assertThat(b.snapshot().state()).isEqualTo(BreakerState.OPEN);
        assertThat(published.get(1).openUntilMs()).isEqualTo(clock.millis() + 3_000);
        assertThat(published.get(1).reason()).startsWith("probe failed");
    }

    @Test
    void anAbandonedProbeFreesItsSlotWithoutJudging() {
        CircuitBreaker b = breaker(BreakerSettings.defaults());
        for (int i = 0; i < 5; i++) {
            fail(b, 0);
        }
        clock.advance(30_000);
        CircuitBreaker.Permit probe = b.tryAcquire();
        assertThat(b.tryAcquire()).isNull();
        b.release(probe);
        assertThat(b.tryAcquire()).isNotNull();
        assertThat(b.snapshot().state()).isEqualTo(BreakerState.HALF_OPEN);
    }

    @Test
    void lateResultsOfCallsStartedBeforeATripAreIgnored() {
        CircuitBreaker b = breaker(BreakerSettings.defaults());
        CircuitBreaker.Permit early = b.tryAcquire();
        for (int i = 0; i < 5; i++) {
            fail(b, 0);
        }
        b.onSuccess(early);
        assertThat(b.snapshot().state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aChangeFromAnotherInstanceIsAppliedAndNotRepublished() {
        CircuitBreaker b = breaker(BreakerSettings.defaults());
        b.apply(BackendHealth.open("azure-eu", clock.millis() + 7_000, "5 failures in a row", "egress-2",
                clock.millis()));
        assertThat(b.tryAcquire()).isNull();
        assertThat(b.snapshot().changedBy()).isEqualTo("egress-2");
        assertThat(published).isEmpty();
        clock.advance(1);
        b.apply(BackendHealth.closed("azure-eu", "probe succeeded", "egress-2", clock.millis()));
        assertThat(b.tryAcquire()).isNotNull();
    }

    @Test
    void anOlderChangeThanWhatItKnowsIsIgnored() {
        CircuitBreaker b = breaker(BreakerSettings.defaults());
        for (int i = 0; i < 5; i++) {
            fail(b, 0);
        }
        b.apply(BackendHealth.closed("azure-eu", "stale", "egress-2", clock.millis() - 1));
        b.apply(published.get(0));
        assertThat(b.snapshot().state()).isEqualTo(BreakerState.OPEN);
        assertThat(b.snapshot().changedBy()).isEqualTo("egress-1");
    }

    @Test
    void healthChecksOpenAndCloseOnlyWhatTheyOpened() {
        CircuitBreaker b = breaker(BreakerSettings.defaults());
        b.openByHealthCheck("health check failed 3 times in a row");
        assertThat(b.tryAcquire()).isNull();
        b.closeByHealthCheck("health check passed 2 times in a row");
        assertThat(b.tryAcquire()).isNotNull();

        for (int i = 0; i < 5; i++) {
            fail(b, 7_000);
        }
        b.closeByHealthCheck("health check passed");
        assertThat(b.snapshot().state()).isEqualTo(BreakerState.OPEN);
    }
}
