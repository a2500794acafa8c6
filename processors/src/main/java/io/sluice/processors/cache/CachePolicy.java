package io.sluice.processors.cache;

import java.util.List;
import java.util.Objects;

/**
 * How requests of one model and subscription are cached: what must be equal for two requests to
 * share an answer (the vary-by parts, always the model), what is compared, how similar is similar
 * enough, and how long an answer lives.
 *
 * @param threshold            cosine similarity a stored prompt must reach to answer (0..1];
 *                             higher is stricter, 1.0 means exact matches only
 * @param ttlMs                how long a stored answer may be served
 * @param varyBySubscription   entries are never shared across subscriptions
 * @param varyBySystemPrompt   entries are shared only between requests with the same system prompt
 * @param varyByParameters     entries are shared only between requests with the same answer-changing
 *                             parameters (everything but the messages, stream options and user)
 * @param varyByHeaders        request headers whose values must be equal (lower case)
 * @param ignoreSystemMessages system and developer messages are left out of the compared conversation
 * @param lastMessages         only the last N messages of the conversation are compared (0: all)
 * @param semantic             whether similar (not only identical) prompts may hit
 * @param semanticMaxChars     longer final messages are matched exactly only (the model reads ~256 tokens)
 * @param agreementCheck       a semantic hit also needs the same numbers, names, negation and polar words
 */
public record CachePolicy(
        double threshold,
        long ttlMs,
        boolean varyBySubscription,
        boolean varyBySystemPrompt,
        boolean varyByParameters,
        List<String> varyByHeaders,
        boolean ignoreSystemMessages,
        int lastMessages,
        boolean semantic,
        int semanticMaxChars,
        boolean agreementCheck) {

    /** The default similarity threshold, chosen on the evaluation set (see README, semantic cache). */
    public static final double DEFAULT_THRESHOLD = 0.90;

    public CachePolicy {
        varyByHeaders = List.copyOf(Objects.requireNonNull(varyByHeaders, "varyByHeaders"));
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1]");
        }
        if (ttlMs < 1) {
            throw new IllegalArgumentException("ttlMs must be positive");
        }
        if (lastMessages < 0 || semanticMaxChars < 1) {
            throw new IllegalArgumentException("lastMessages must be >= 0 and semanticMaxChars >= 1");
        }
    }

    /** Safe defaults: vary by subscription, system prompt and parameters; one hour; agreement check on. */
    public static CachePolicy defaults() {
        return new CachePolicy(DEFAULT_THRESHOLD, 3_600_000L, true, true, true, List.of(), true, 0, true, 1_000, true);
    }

    public CachePolicy withThreshold(double t) {
        return new CachePolicy(t, ttlMs, varyBySubscription, varyBySystemPrompt, varyByParameters, varyByHeaders,
                ignoreSystemMessages, lastMessages, semantic, semanticMaxChars, agreementCheck);
    }

    public CachePolicy withTtlMs(long ttl) {
        return new CachePolicy(threshold, ttl, varyBySubscription, varyBySystemPrompt, varyByParameters,
                varyByHeaders, ignoreSystemMessages, lastMessages, semantic, semanticMaxChars, agreementCheck);
    }
}
