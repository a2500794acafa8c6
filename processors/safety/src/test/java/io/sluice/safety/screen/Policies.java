package io.sluice.safety.screen;

import io.sluice.safety.detect.InjectionHeuristic;
import io.sluice.safety.detect.KeywordDetector;
import io.sluice.safety.detect.PiiDetector;
import io.sluice.safety.policy.Check;
import io.sluice.safety.policy.CheckMode;
import io.sluice.safety.policy.CheckType;
import io.sluice.safety.policy.SafetyPolicy;
import java.util.List;
import java.util.Map;

/** Small policies for tests. */
final class Policies {

    private Policies() {
    }

    static Check pii(CheckMode mode) {
        return new Check("pii", CheckType.PII, mode, true, true, PiiDetector.all(), null);
    }

    static Check keywords(CheckMode mode, String... words) {
        return new Check("keywords", CheckType.KEYWORDS, mode, true, true, new KeywordDetector(List.of(words)), null);
    }

    static Check injection() {
        return new Check("prompt-injection", CheckType.PROMPT_INJECTION, CheckMode.BLOCK, true, false,
                new InjectionHeuristic(1.0), null);
    }

    static Check azure(CheckMode mode, Map<String, Double> thresholds) {
        return new Check("azure-text-analysis", CheckType.AZURE_TEXT_ANALYSIS, mode, true, false, null,
                new Check.External("cs", thresholds, List.of("list-a"), false));
    }

    static Check shield() {
        return new Check("azure-prompt-shield", CheckType.AZURE_PROMPT_SHIELD, CheckMode.BLOCK, true, false, null,
                new Check.External("cs", Map.of(), List.of(), false));
    }

    static Check moderation(Map<String, Double> thresholds) {
        return new Check("openai-moderation", CheckType.OPENAI_MODERATION, CheckMode.BLOCK, true, false, null,
                new Check.External("mod", thresholds, List.of(), false));
    }

    static SafetyPolicy policy(String name, boolean failOpen, Check... checks) {
        return new SafetyPolicy(name, List.of(checks), 500, failOpen, 3);
    }
}
