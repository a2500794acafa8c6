package io.sluice.safety.policy;

import java.util.Locale;

/** What a check does when it finds something. */
public enum CheckMode {
    /** Refuse the prompt (400 content_filter), or stop the answer (finish_reason content_filter). */
    BLOCK,
    /** Replace what was found with {@code [REDACTED:<KIND>]} and let the text through. */
    REDACT,
    /** Let the text through; the audit event records what was found. */
    LOG;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the modes */
    public static CheckMode fromConfig(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "block" -> BLOCK;
            case "redact" -> REDACT;
            case "log", "log-only" -> LOG;
            default -> throw new IllegalArgumentException("unknown mode '" + name + "'; modes are block, redact, log");
        };
    }
}
