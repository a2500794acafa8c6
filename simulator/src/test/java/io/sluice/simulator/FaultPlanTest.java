package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void consumesACountedRuleExactlyThatManyTimes() {
        FaultPlan plan = new FaultPlan();
        plan.add(FaultRule.status(503).times(2));

        assertThat(plan.claim("gpt-4o", false)).contains(FaultRule.status(503).times(2));
        assertThat(plan.rules()).containsExactly(FaultRule.status(503).times(1));
        assertThat(plan.claim("gpt-4o", false)).isPresent();
        assertThat(plan.claim("gpt-4o", false)).isEmpty();
        assertThat(plan.rules()).isEmpty();
    }

    @Test
    void neverExceedsTheCountUnderConcurrentClaims() throws Exception {
        FaultPlan plan = new FaultPlan();
        plan.add(FaultRule.drop().times(100));
        AtomicInteger claimed = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();

        for (int w = 0; w < 4; w++) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 100; i++) {
                    plan.claim(null, false).ifPresent(rule -> claimed.incrementAndGet());
                }
            }));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(claimed.get()).isEqualTo(100);
    }

    @Test
    void skipsRulesForOtherModelsAndStreamOnlyRulesForPlainRequests() {
        FaultPlan plan = new FaultPlan();
        plan.add(FaultRule.status(400).forModel("gpt-4o"));
        plan.add(FaultRule.dropMidStream(2));
        plan.add(FaultRule.slow(10));

        assertThat(plan.claim("gpt-4o", false).orElseThrow().status()).isEqualTo(400);
        assertThat(plan.claim("gpt-4o-mini", true).orElseThrow().kind()).isEqualTo(FaultKind.DROP_MID_STREAM);
        assertThat(plan.claim("gpt-4o-mini", false).orElseThrow().kind()).isEqualTo(FaultKind.SLOW);
    }

    @Test
    void unlimitedRulesStayUntilCleared() {
        FaultPlan plan = new FaultPlan();
        plan.add(FaultRule.malformed());

        for (int i = 0; i < 10; i++) {
            assertThat(plan.claim("m", false)).isPresent();
        }
        plan.clear();

        assertThat(plan.claim("m", false)).isEmpty();
    }

    @Test
    void rejectsInvalidRulesNamingTheField() {
        assertThatThrownBy(() -> FaultRule.status(200)).hasMessageContaining("status");
        assertThatThrownBy(() -> FaultRule.drop().times(0)).hasMessageContaining("count");
        assertThatThrownBy(() -> FaultRule.drop().withProbability(1.5)).hasMessageContaining("probability");
        assertThatThrownBy(() -> FaultRule.dropMidStream(-1)).hasMessageContaining("afterChunks");
        assertThatThrownBy(() -> FaultRule.slow(-1)).hasMessageContaining("delayMs");
        assertThatThrownBy(() -> FaultRule.tooManyRequests(-1)).hasMessageContaining("retryAfterSeconds");
    }

    @Test
    void factoriesSetTheirKindAndDefaults() {
        assertThat(FaultRule.tooManyRequests(7)).isEqualTo(
                new FaultRule(FaultKind.STATUS, 429, 7, 0, -1, 1.0, null, 0));
        assertThat(FaultRule.timeout()).isEqualTo(new FaultRule(FaultKind.TIMEOUT, 0, 0, 0, -1, 1.0, null, 0));
        assertThat(FaultRule.dropMidStream(4).afterChunks()).isEqualTo(4);
        assertThat(FaultRule.slow(250).delayMs()).isEqualTo(250);
    }
}
