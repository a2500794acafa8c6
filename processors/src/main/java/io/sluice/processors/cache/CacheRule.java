package io.sluice.processors.cache;

/**
 * A per-model or per-subscription exception to the cache defaults: matches when every given
 * field is equal (null matches anything); the first matching rule decides.
 *
 * @param policy the policy for matching requests, or null when they are not cached
 */
public record CacheRule(String model, String subscription, CachePolicy policy) {

    public boolean matches(String m, String s) {
        return (model == null || model.equals(m)) && (subscription == null || subscription.equals(s));
    }
}
