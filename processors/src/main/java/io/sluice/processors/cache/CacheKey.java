package io.sluice.processors.cache;

/**
 * Where a request's answer lives in the cache and what is compared.
 *
 * @param scope        model plus the vary-by parts; entries are shared only within a scope
 * @param model        the model, for the statistics
 * @param subscription the subscription when the scope varies by it, else null
 * @param context      hash of the compared conversation before its last message: a semantic match
 *                     needs the same context (only the final question may be worded differently)
 * @param entry        hash of the scope and the whole normalised compared conversation: the exact key
 * @param text         the final user message, normalised, when semantic matching applies; else null
 */
public record CacheKey(String scope, String model, String subscription, String context, String entry,
        String text) {

    /** The group of entries a semantic lookup compares against. */
    public String group() {
        return scope + "#" + context;
    }
}
