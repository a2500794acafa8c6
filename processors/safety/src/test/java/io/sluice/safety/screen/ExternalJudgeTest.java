package io.sluice.safety.screen;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.records.safety.SafetyVerdict;
import io.sluice.records.safety.SafetyVerdict.Result;
import io.sluice.safety.policy.CheckMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalJudgeTest {

    private static Result analysis(Map<String, Double> severities, List<String> hits) {
        return new Result("p/azure-text-analysis", "azure-text-analysis", "cs", SafetyVerdict.OK, 12, severities, null,
                hits, null, null, null);
    }

    @Test
    void appliesTheThresholdOfEachCategory() {
        var policy = Policies.policy("p", false, Policies.azure(CheckMode.BLOCK, Map.of("hate", 2.0, "violence", 6.0)));
        Judgement j = ExternalJudge.judge(List.of(policy), new SafetyVerdict("r",
                List.of(analysis(Map.of("Hate", 2.0, "Violence", 4.0, "Sexual", 0.0, "SelfHarm", 4.0), List.of()))));
        assertThat(j.blocked()).isTrue();
        // hate at its threshold 2, self-harm at the default threshold 4; violence 4 is under its 6
        assertThat(j.tripped()).extracting(c -> c.category() + "=" + c.severity())
                .containsExactlyInAnyOrder("hate=low", "self_harm=medium");
        assertThat(j.categories()).hasSize(4);
    }

    @Test
    void passesWhenEverythingIsUnderItsThreshold() {
        var policy = Policies.policy("p", false, Policies.azure(CheckMode.BLOCK, Map.of()));
        Judgement j = ExternalJudge.judge(List.of(policy), new SafetyVerdict("r",
                List.of(analysis(Map.of("Hate", 2.0, "Violence", 0.0), List.of()))));
        assertThat(j.blocked()).isFalse();
        assertThat(j.tripped()).isEmpty();
        assertThat(j.runs()).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo("pass"));
    }

    @Test
    void aBlocklistHitTripsAndLogModeOnlyLogs() {
        var policy = Policies.policy("p", false, Policies.azure(CheckMode.LOG, Map.of()));
        Judgement j = ExternalJudge.judge(List.of(policy), new SafetyVerdict("r",
                List.of(analysis(Map.of("Hate", 0.0), List.of("list-a:item-1")))));
        assertThat(j.blocked()).isFalse();
        assertThat(j.logged()).isTrue();
        assertThat(j.tripped()).singleElement().satisfies(c -> {
            assertThat(c.category()).isEqualTo("custom_blocklists");
            assertThat(c.types()).containsExactly("list-a:item-1");
        });
    }

    @Test
    void promptShieldsAttacksTripJailbreakAndIndirectAttack() {
        Judgement j = ExternalJudge.judge(List.of(Policies.policy("p", false, Policies.shield())),
                new SafetyVerdict("r", List.of(new Result("p/azure-prompt-shield", "azure-prompt-shield", "cs",
                        SafetyVerdict.OK, 5, null, null, null, false, true, null))));
        assertThat(j.blocked()).isTrue();
        assertThat(j.tripped()).extracting(c -> c.category()).containsExactly("indirect_attack");
    }

    @Test
    void moderationUsesTheServicesFlagsUnlessThresholdsAreGiven() {
        Result r = new Result("p/openai-moderation", "openai-moderation", "mod", SafetyVerdict.OK, 5,
                Map.of("violence", 0.4, "self-harm/intent", 0.2), List.of("violence"), null, null, null, null);
        assertThat(ExternalJudge.judge(List.of(Policies.policy("p", false, Policies.moderation(Map.of()))),
                new SafetyVerdict("r", List.of(r))).tripped()).extracting(c -> c.category() + "=" + c.value())
                .containsExactly("violence=0.4");
        assertThat(ExternalJudge.judge(List.of(Policies.policy("p", false, Policies.moderation(
                Map.of("violence", 0.5, "self_harm_intent", 0.1)))), new SafetyVerdict("r", List.of(r))).tripped())
                .extracting(c -> c.category()).containsExactly("self_harm_intent");
    }

    @Test
    void aFailedOrMissingResultFailsClosedOrOpenAsThePolicySays() {
        Result error = Result.failed("p/azure-text-analysis", "azure-text-analysis", "cs", SafetyVerdict.ERROR, 3,
                "HTTP 500 from 'cs'");
        Judgement closed = ExternalJudge.judge(List.of(Policies.policy("p", false,
                Policies.azure(CheckMode.BLOCK, Map.of()))), new SafetyVerdict("r", List.of(error)));
        assertThat(closed.failedClosed()).isTrue();
        assertThat(closed.retryAfterSeconds()).isEqualTo(3);
        assertThat(closed.failure()).contains("HTTP 500");

        Judgement open = ExternalJudge.judge(List.of(Policies.policy("p", true,
                Policies.azure(CheckMode.BLOCK, Map.of()))), null);
        assertThat(open.failedOpen()).isTrue();
        assertThat(open.failedClosed()).isFalse();
        assertThat(open.runs()).singleElement().satisfies(run -> assertThat(run.outcome()).isEqualTo("timeout"));
    }
}
