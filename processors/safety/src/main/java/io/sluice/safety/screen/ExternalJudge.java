package io.sluice.safety.screen;

import io.sluice.records.safety.AuditEvent.Category;
import io.sluice.records.safety.AuditEvent.CheckRun;
import io.sluice.records.safety.SafetyVerdict;
import io.sluice.records.safety.SafetyVerdict.Result;
import io.sluice.safety.policy.Check;
import io.sluice.safety.policy.CheckMode;
import io.sluice.safety.policy.SafetyPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the policies to the external services' raw results: per-category thresholds, blocklist
 * hits, prompt-shield detections, and the failure mode when a service failed or did not answer in time.
 */
public final class ExternalJudge {

    /** Azure severity at or above which a category trips when the policy names no threshold (medium). */
    public static final double DEFAULT_AZURE_THRESHOLD = 4;

    private ExternalJudge() {
    }

    /** @param verdict the services' results, or null when none arrived in time */
    public static Judgement judge(List<SafetyPolicy> policies, SafetyVerdict verdict) {
        Map<String, Result> results = new HashMap<>();
        if (verdict != null) {
            verdict.results().forEach(r -> results.put(r.id(), r));
        }
        List<CheckRun> runs = new ArrayList<>();
        List<Category> categories = new ArrayList<>();
        boolean blocked = false;
        boolean failedClosed = false;
        boolean failedOpen = false;
        boolean logged = false;
        long retryAfter = 0;
        String failure = null;
        for (SafetyPolicy policy : policies) {
            for (Check check : policy.checks()) {
                if (!check.type().external() || !check.onPrompt()) {
                    continue;
                }
                String name = policy.name() + "/" + check.id();
                Result r = results.get(name);
                if (r == null) {
                    r = Result.failed(name, check.type().configName(), check.external().service(),
                            SafetyVerdict.TIMEOUT, policy.timeoutMs(),
                            "no answer within " + policy.timeoutMs() + " ms");
                }
                if (!SafetyVerdict.OK.equals(r.status())) {
                    runs.add(new CheckRun(name, check.type().configName(), check.mode().configName(), r.status(),
                            check.external().service(), null, null, r.latencyMs(), r.detail()));
                    if (policy.failOpen()) {
                        failedOpen = true;
                    } else {
                        failedClosed = true;
                        retryAfter = Math.max(retryAfter, policy.retryAfterSeconds());
                    }
                    if (failure == null) {
                        failure = "check '" + name + "' (service '" + check.external().service() + "'): "
                                + (r.detail() == null ? r.status() : r.detail());
                    }
                    continue;
                }
                List<Category> found = categories(check, name, r);
                boolean hit = found.stream().anyMatch(Category::tripped);
                runs.add(new CheckRun(name, check.type().configName(), check.mode().configName(), hit ? "hit" : "pass",
                        check.external().service(), r.categories(), null, r.latencyMs(), null));
                categories.addAll(found);
                if (hit) {
                    blocked |= check.mode() == CheckMode.BLOCK;
                    logged |= check.mode() == CheckMode.LOG;
                }
            }
        }
        return new Judgement(blocked, failedClosed, failedOpen, logged, runs, categories, retryAfter, failure);
    }

    private static List<Category> categories(Check check, String name, Result r) {
        String onHit = Categories.action(check.mode());
        List<Category> out = new ArrayList<>();
        Map<String, Double> thresholds = check.external().thresholds();
        switch (check.type()) {
            case AZURE_TEXT_ANALYSIS -> {
                if (r.categories() != null) {
                    r.categories().forEach((category, severity) -> {
                        String key = Categories.key(category);
                        double threshold = thresholds.getOrDefault(key, DEFAULT_AZURE_THRESHOLD);
                        out.add(new Category(key, Categories.severityLabel(severity), severity, name,
                                severity >= threshold ? onHit : Categories.PASSED, null));
                    });
                }
                if (r.blocklistHits() != null && !r.blocklistHits().isEmpty()) {
                    out.add(Categories.of(Categories.BLOCKLISTS, name, onHit, r.blocklistHits()));
                }
            }
            case AZURE_PROMPT_SHIELD -> {
                if (Boolean.TRUE.equals(r.attackDetected())) {
                    out.add(Categories.of(Categories.JAILBREAK, name, onHit, null));
                }
                if (Boolean.TRUE.equals(r.documentAttack())) {
                    out.add(Categories.of(Categories.INDIRECT_ATTACK, name, onHit, null));
                }
            }
            case OPENAI_MODERATION -> {
                List<String> flagged = r.flagged() == null ? List.of() : r.flagged();
                Map<String, Double> scores = r.categories() == null ? Map.of() : r.categories();
                if (thresholds.isEmpty()) {
                    for (String f : flagged) {
                        out.add(new Category(Categories.key(f), null, scores.get(f), name, onHit, null));
                    }
                } else {
                    scores.forEach((category, score) -> {
                        Double threshold = thresholds.get(Categories.key(category));
                        if (threshold != null && score >= threshold) {
                            out.add(new Category(Categories.key(category), null, score, name, onHit, null));
                        }
                    });
                }
            }
            default -> throw new IllegalStateException("not an external check: " + check.type());
        }
        return out;
    }
}
