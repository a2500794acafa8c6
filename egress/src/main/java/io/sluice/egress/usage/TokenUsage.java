package io.sluice.egress.usage;

/** Token counts of one answer, as the backend reported them (or as counted when it did not). */
public record TokenUsage(long promptTokens, long completionTokens, Long cachedTokens) {
    public static final TokenUsage NONE = new TokenUsage(0, 0, null);
}
