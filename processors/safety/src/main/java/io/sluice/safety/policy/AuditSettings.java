package io.sluice.safety.policy;

/**
 * What audit events hold besides the decision.
 *
 * @param includeRawText the checked text itself (off by default: a hash and a redacted excerpt only)
 * @param excerptChars   length of the redacted excerpt (0: none)
 */
public record AuditSettings(boolean includeRawText, int excerptChars) {

    public static final AuditSettings DEFAULTS = new AuditSettings(false, 200);

    public AuditSettings {
        if (excerptChars < 0) {
            throw new IllegalArgumentException("excerpt-chars must not be negative");
        }
    }
}
