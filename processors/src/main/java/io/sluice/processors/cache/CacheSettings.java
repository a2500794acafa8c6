package io.sluice.processors.cache;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of the semantic cache.
 *
 * @param models                 models cached by default (empty: every chat model)
 * @param subscriptions          subscriptions cached by default (empty: all)
 * @param defaults               the policy where no rule matches
 * @param rules                  per-model / per-subscription exceptions, first match wins
 * @param maxEntriesPerPartition bound of each partition's entries; beyond, expired then least
 *                               recently used entries are evicted
 * @param statsIntervalMs        how often each partition publishes its per-scope statistics
 */
public record CacheSettings(
        Set<String> models,
        Set<String> subscriptions,
        CachePolicy defaults,
        List<CacheRule> rules,
        int maxEntriesPerPartition,
        long statsIntervalMs,
        EmbeddingsSource embeddings) {

    public CacheSettings {
        models = Set.copyOf(models);
        subscriptions = Set.copyOf(subscriptions);
        Objects.requireNonNull(defaults, "defaults");
        rules = List.copyOf(rules);
        Objects.requireNonNull(embeddings, "embeddings");
        if (maxEntriesPerPartition < 1) {
            throw new IllegalArgumentException("maxEntriesPerPartition must be at least 1");
        }
        if (statsIntervalMs < 10) {
            throw new IllegalArgumentException("statsIntervalMs must be at least 10");
        }
    }

    /** Every chat model of every subscription, with the default policy and the local model. */
    public static CacheSettings standard() {
        return new CacheSettings(Set.of(), Set.of(), CachePolicy.defaults(), List.of(), 100_000, 5_000,
                EmbeddingsSource.local());
    }

    public CacheSettings withEmbeddings(EmbeddingsSource source) {
        return new CacheSettings(models, subscriptions, defaults, rules, maxEntriesPerPartition, statsIntervalMs,
                source);
    }

    /** The policy for a request, or null when its model and subscription are not cached. */
    public CachePolicy policyFor(String model, String subscription) {
        for (CacheRule r : rules) {
            if (r.matches(model, subscription)) {
                return r.policy();
            }
        }
        boolean modelOn = models.isEmpty() || models.contains(model);
        boolean subOn = subscriptions.isEmpty() || subscriptions.contains(subscription);
        return modelOn && subOn ? defaults : null;
    }
}
