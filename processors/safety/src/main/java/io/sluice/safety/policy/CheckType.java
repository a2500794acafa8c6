package io.sluice.safety.policy;

import java.util.Locale;

/** The kinds of checks a policy can hold: built in (local, no network) or external services. */
public enum CheckType {
    KEYWORDS("keywords", false, true),
    REGEX("regex", false, true),
    PII("pii", false, true),
    PROMPT_INJECTION("prompt-injection", false, false),
    AZURE_TEXT_ANALYSIS("azure-text-analysis", true, false),
    AZURE_PROMPT_SHIELD("azure-prompt-shield", true, false),
    OPENAI_MODERATION("openai-moderation", true, false);

    private final String configName;
    private final boolean external;
    private final boolean redacts;

    CheckType(String configName, boolean external, boolean redacts) {
        this.configName = configName;
        this.external = external;
        this.redacts = redacts;
    }

    public String configName() {
        return configName;
    }

    /** Calls a service over the network (prompt side only, asynchronously). */
    public boolean external() {
        return external;
    }

    /** Knows where in the text its findings are, so it can redact them. */
    public boolean redacts() {
        return redacts;
    }

    /** @throws IllegalArgumentException listing the types */
    public static CheckType fromConfig(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (CheckType t : values()) {
            if (t.configName.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown check type '" + name + "'; types are keywords, regex, pii, "
                + "prompt-injection, azure-text-analysis, azure-prompt-shield, openai-moderation");
    }
}
