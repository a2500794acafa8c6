package io.sluice.safety.policy;

import java.util.Objects;

/**
 * Content safety as configured: the policies and their attachments, the audit contents, and the
 * sliding window over streamed answers.
 *
 * @param responseWindowChars how much of a streamed answer's recent text each check sees again, so
 *                            a match split over chunks is found
 */
public record SafetySettings(PolicyBook book, AuditSettings audit, int responseWindowChars) {

    public SafetySettings {
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(audit, "audit");
        if (responseWindowChars < 16) {
            throw new IllegalArgumentException("response-window-chars must be at least 16");
        }
    }

    public SafetySettings(PolicyBook book) {
        this(book, AuditSettings.DEFAULTS, 1024);
    }
}
