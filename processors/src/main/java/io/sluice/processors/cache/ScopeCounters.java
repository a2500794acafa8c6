package io.sluice.processors.cache;

import io.sluice.records.cache.CacheScopeStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One partition's cache counters per scope (hits, misses, tokens saved...), kept in memory by the
 * task's processors and published, for the scopes that changed, at each statistics interval.
 */
final class ScopeCounters {

    /** The counters of one scope. */
    static final class Counters {
        long hits;
        long exactHits;
        long misses;
        long bypasses;
        long stored;
        long evicted;
        long tokensSaved;
    }

    private final Map<String, Counters> byScope = new HashMap<>();
    private final java.util.Set<String> dirty = new java.util.HashSet<>();

    Counters of(String scope) {
        dirty.add(scope);
        return byScope.computeIfAbsent(scope, s -> new Counters());
    }

    void markDirty(String scope) {
        dirty.add(scope);
    }

    void load(CacheScopeStats s) {
        Counters c = byScope.computeIfAbsent(s.scope(), k -> new Counters());
        c.hits = s.hits();
        c.exactHits = s.exactHits();
        c.misses = s.misses();
        c.bypasses = s.bypasses();
        c.stored = s.stored();
        c.evicted = s.evicted();
        c.tokensSaved = s.tokensSaved();
    }

    void clear() {
        byScope.clear();
        dirty.clear();
    }

    /** The changed scopes' statistics, and forgets that they changed. */
    List<CacheScopeStats> drain(int partition, Map<String, Integer> entries, String now) {
        List<CacheScopeStats> out = new ArrayList<>();
        for (String scope : dirty) {
            Counters c = byScope.get(scope);
            if (c == null) {
                continue;
            }
            String[] parts = scope.split("\\|", 3);
            String subscription = parts.length > 1 && !parts[1].equals("*") ? parts[1] : null;
            out.add(new CacheScopeStats(scope, parts[0], subscription, partition, entries.getOrDefault(scope, 0),
                    c.hits, c.exactHits, c.misses, c.bypasses, c.stored, c.evicted, c.tokensSaved, now));
        }
        dirty.clear();
        return out;
    }
}
