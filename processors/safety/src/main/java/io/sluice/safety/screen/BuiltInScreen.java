package io.sluice.safety.screen;

import io.sluice.records.safety.AuditEvent.Category;
import io.sluice.records.safety.AuditEvent.CheckRun;
import io.sluice.safety.detect.Finding;
import io.sluice.safety.detect.Findings;
import io.sluice.safety.policy.Check;
import io.sluice.safety.policy.CheckMode;
import io.sluice.safety.policy.CheckType;
import io.sluice.safety.policy.SafetyPolicy;
import io.sluice.safety.text.TextPart;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Runs the built-in checks of some policies over a text's parts, in memory and without a network call. */
public final class BuiltInScreen {

    private BuiltInScreen() {
    }

    /** Whether any of the policies has a built-in check for this side. */
    public static boolean applies(List<SafetyPolicy> policies, Side side) {
        for (SafetyPolicy p : policies) {
            for (Check c : p.checks()) {
                if (!c.type().external() && runsOn(c, side)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean runsOn(Check c, Side side) {
        return side == Side.PROMPT ? c.onPrompt() : c.onResponse();
    }

    public static Screening run(List<SafetyPolicy> policies, Side side, List<TextPart> parts) {
        int n = parts.size();
        List<List<Finding>> redact = new ArrayList<>();
        List<List<Finding>> mask = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            redact.add(new ArrayList<>());
            mask.add(new ArrayList<>());
        }
        List<CheckRun> runs = new ArrayList<>();
        List<Category> categories = new ArrayList<>();
        boolean blocked = false;
        boolean redacted = false;
        boolean logged = false;
        for (SafetyPolicy policy : policies) {
            for (Check check : policy.checks()) {
                if (check.type().external() || !runsOn(check, side)) {
                    continue;
                }
                long started = System.nanoTime();
                int found = 0;
                TreeSet<String> kinds = new TreeSet<>();
                for (int i = 0; i < n; i++) {
                    TextPart part = parts.get(i);
                    // injected instructions come from users and tools, not from the operator's system prompt
                    if (check.type() == CheckType.PROMPT_INJECTION && side == Side.PROMPT && !part.untrusted()) {
                        continue;
                    }
                    List<Finding> findings = check.detector().find(part.text());
                    if (findings.isEmpty()) {
                        continue;
                    }
                    found += findings.size();
                    findings.forEach(f -> kinds.add(f.kind()));
                    mask.get(i).addAll(findings);
                    if (check.mode() == CheckMode.REDACT) {
                        redact.get(i).addAll(findings);
                    }
                }
                double ms = (System.nanoTime() - started) / 1e6;
                String name = policy.name() + "/" + check.id();
                runs.add(new CheckRun(name, check.type().configName(), check.mode().configName(),
                        found > 0 ? "hit" : "pass", null, null, found, ms, null));
                if (found > 0) {
                    switch (check.mode()) {
                        case BLOCK -> blocked = true;
                        case REDACT -> redacted = true;
                        case LOG -> logged = true;
                    }
                    categories.add(Categories.of(category(check.type()), name, Categories.action(check.mode()),
                            check.type() == CheckType.PII ? List.copyOf(kinds) : null));
                }
            }
        }
        List<String> replacements = new ArrayList<>(n);
        StringBuilder masked = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String text = parts.get(i).text();
            replacements.add(redact.get(i).isEmpty() ? null : Findings.redact(text, redact.get(i)));
            if (i > 0) {
                masked.append('\n');
            }
            masked.append(mask.get(i).isEmpty() ? text : Findings.redact(text, mask.get(i)));
        }
        return new Screening(blocked, redacted, logged, runs, categories, replacements, masked.toString());
    }

    private static String category(CheckType type) {
        return switch (type) {
            case PII -> Categories.PII;
            case PROMPT_INJECTION -> Categories.JAILBREAK;
            default -> Categories.BLOCKLISTS;
        };
    }
}
