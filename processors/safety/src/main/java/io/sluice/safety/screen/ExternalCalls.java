package io.sluice.safety.screen;

import io.sluice.records.safety.SafetyCheckRequest;
import io.sluice.records.safety.SafetyCheckRequest.ExternalCall;
import io.sluice.safety.policy.Check;
import io.sluice.safety.policy.CheckType;
import io.sluice.safety.policy.SafetyPolicy;
import io.sluice.safety.text.TextPart;
import java.util.ArrayList;
import java.util.List;

/** Builds the request for the external checks of some policies, from the (already redacted) prompt text. */
public final class ExternalCalls {

    /** Azure's text analysis categories, by the names its API takes. */
    static final List<String> AZURE_CATEGORIES = List.of("Hate", "SelfHarm", "Sexual", "Violence");

    private ExternalCalls() {
    }

    public static boolean needed(List<SafetyPolicy> policies) {
        return policies.stream().anyMatch(SafetyPolicy::hasExternalChecks);
    }

    /** How long the slowest policy lets the external checks take. */
    public static long timeoutMs(List<SafetyPolicy> policies) {
        return policies.stream().filter(SafetyPolicy::hasExternalChecks).mapToLong(SafetyPolicy::timeoutMs).min()
                .orElse(0);
    }

    public static SafetyCheckRequest request(String requestId, long deadlineEpochMs, List<SafetyPolicy> policies,
            List<TextPart> parts) {
        List<ExternalCall> calls = new ArrayList<>();
        for (SafetyPolicy p : policies) {
            for (Check c : p.checks()) {
                if (c.type().external() && c.onPrompt()) {
                    calls.add(new ExternalCall(p.name() + "/" + c.id(), c.type().configName(), c.external().service(),
                            c.type() == CheckType.AZURE_TEXT_ANALYSIS ? AZURE_CATEGORIES : List.of(),
                            c.external().blocklists(), c.external().haltOnBlocklistHit()));
                }
            }
        }
        StringBuilder all = new StringBuilder();
        StringBuilder user = new StringBuilder();
        List<String> documents = new ArrayList<>();
        for (TextPart part : parts) {
            append(all, part.text());
            if (part.document()) {
                documents.add(part.text());
            } else if (part.untrusted()) {
                append(user, part.text());
            }
        }
        return new SafetyCheckRequest(requestId, deadlineEpochMs, calls, all.toString(), user.toString(), documents);
    }

    private static void append(StringBuilder sb, String text) {
        if (sb.length() > 0) {
            sb.append('\n');
        }
        sb.append(text);
    }
}
