package io.sluice.processors.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cache's matching quality on the committed evaluation set; writes target/cache-eval-report.md. */
class CacheEvaluationTest {

    private static CacheEvaluation eval;
    private static CacheEvaluation heldOut;

    @BeforeAll
    static void measure() throws Exception {
        eval = new CacheEvaluation(CacheEvaluation.load(), LocalEmbedder.shared());
        heldOut = new CacheEvaluation(CacheEvaluation.loadHeldOut(), LocalEmbedder.shared());
        Files.writeString(Path.of("target/cache-eval-report.md"), CacheEvaluation.fullReport(eval, heldOut));
    }

    @Test
    void theSetHasSeveralHundredPairsOfBothKinds() {
        assertThat(eval.pairs).hasSizeGreaterThanOrEqualTo(400);
        assertThat(eval.pairs.stream().filter(CacheEvaluation.Pair::same).count()).isGreaterThanOrEqualTo(200);
        assertThat(eval.pairs.stream().filter(p -> !p.same()).count()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void atTheDefaultThresholdAtMostThreePercentOfHitsAreWrong() {
        CacheEvaluation.Score s = eval.score(CachePolicy.DEFAULT_THRESHOLD, true);
        assertThat(s.wrongShare()).isLessThanOrEqualTo(0.03);
        assertThat(s.falseHitRate()).isLessThanOrEqualTo(0.03);
        CacheEvaluation.Retrieval r = eval.retrieval(CachePolicy.DEFAULT_THRESHOLD, true);
        assertThat(r.wrongShare()).isLessThanOrEqualTo(0.03);
    }

    @Test
    void onPairsWrittenAfterTheCheckWasSettledFewHardNegativesHit() {
        assertThat(heldOut.score(CachePolicy.DEFAULT_THRESHOLD, true).falseHitRate()).isLessThanOrEqualTo(0.05);
    }

    @Test
    void theDefaultStillAnswersMostParaphrases() {
        assertThat(eval.score(CachePolicy.DEFAULT_THRESHOLD, true).hitRate()).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void theAgreementCheckRemovesWrongHitsTheModelAloneMakes() {
        CacheEvaluation.Score model = eval.score(CachePolicy.DEFAULT_THRESHOLD, false);
        CacheEvaluation.Score checked = eval.score(CachePolicy.DEFAULT_THRESHOLD, true);
        assertThat(checked.hitsOnDifferent()).isLessThan(model.hitsOnDifferent());
    }
}
