package io.sluice.safety.screen;

import io.sluice.records.safety.AuditEvent.Category;
import java.util.List;
import java.util.Locale;

/** Category names as error bodies and audit events spell them, and Azure's severity labels. */
public final class Categories {

    public static final String BLOCKLISTS = "custom_blocklists";
    public static final String PII = "pii";
    public static final String JAILBREAK = "jailbreak";
    public static final String INDIRECT_ATTACK = "indirect_attack";

    public static final String BLOCKED = "blocked";
    public static final String REDACTED = "redacted";
    public static final String LOGGED = "logged";
    public static final String PASSED = "passed";

    private Categories() {
    }

    /** {@code SelfHarm}, {@code self-harm} → {@code self_harm}; {@code self-harm/intent} → {@code self_harm_intent}. */
    public static String key(String name) {
        String snake = name.trim().replaceAll("([a-z])([A-Z])", "$1_$2");
        return snake.toLowerCase(Locale.ROOT).replace('/', '_').replace('-', '_').replace(' ', '_');
    }

    /** Azure's label for a severity: 0-1 safe, 2-3 low, 4-5 medium, 6-7 high. */
    public static String severityLabel(double severity) {
        if (severity >= 6) {
            return "high";
        }
        if (severity >= 4) {
            return "medium";
        }
        if (severity >= 2) {
            return "low";
        }
        return "safe";
    }

    /** The action a tripped check of this mode takes. */
    static String action(io.sluice.safety.policy.CheckMode mode) {
        return switch (mode) {
            case BLOCK -> BLOCKED;
            case REDACT -> REDACTED;
            case LOG -> LOGGED;
        };
    }

    static Category of(String category, String checkName, String action, List<String> types) {
        return new Category(category, null, null, checkName, action, types == null || types.isEmpty() ? null : types);
    }
}
