package io.sluice.processors.cache;

/**
 * A stored answer. {@code text} and {@code vector} are present when the entry can match
 * semantically (its final user message, and that message's unit-length embedding).
 *
 * @param promptTokens     the backend's prompt tokens for the original request
 * @param completionTokens the backend's completion tokens: a hit saves both
 */
public record CacheEntry(
        String scope,
        String context,
        String text,
        float[] vector,
        long createdAt,
        long expiresAt,
        String model,
        String content,
        String finishReason,
        String systemFingerprint,
        long promptTokens,
        long completionTokens) {

    public String group() {
        return scope + "#" + context;
    }

    public long tokensSaved() {
        return promptTokens + completionTokens;
    }
}
