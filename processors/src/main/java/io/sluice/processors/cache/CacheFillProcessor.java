package io.sluice.processors.cache;

import io.sluice.records.MalformedRecordException;
import io.sluice.records.cache.CacheFill;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the cache-fill topic to the partition's cache: stores answers (evicting expired, then
 * least recently used entries when the partition is full) and carries out invalidations.
 */
final class CacheFillProcessor implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(CacheFillProcessor.class);

    private final CacheSettings settings;
    private final Clock clock;
    private CacheStore store;

    CacheFillProcessor(CacheSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(CacheStage.ENTRIES);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        CacheFill fill;
        try {
            fill = CacheFill.fromJson(record.value());
        } catch (MalformedRecordException e) {
            LOG.warn("dropping malformed cache fill: {}", e.getMessage());
            return;
        }
        if (fill.kind() == null) {
            return;
        }
        switch (fill.kind()) {
            case CacheFill.STORE -> store(fill);
            case CacheFill.INVALIDATE_ENTRY -> {
                if (fill.entry() != null) {
                    invalidate(List.of(fill.entry()));
                }
            }
            case CacheFill.INVALIDATE_SCOPE -> invalidate(store.keysOfScopes(ScopeFilter.parse(fill.scope())));
            case CacheFill.INVALIDATE_ALL -> invalidate(store.keysOfScopes(s -> true));
            default -> LOG.debug("ignoring cache fill of unknown kind {}", fill.kind());
        }
    }

    private void store(CacheFill fill) {
        if (fill.entry() == null || fill.scope() == null || fill.content() == null || fill.ttlMs() <= 0) {
            return;
        }
        long now = clock.millis();
        float[] vector = VectorCodec.decode(fill.vector());
        String text = vector == null ? null : fill.text();
        CacheEntry entry = new CacheEntry(fill.scope(), fill.context() == null ? "0" : fill.context(), text, vector,
                now, now + fill.ttlMs(), fill.model(), fill.content(), fill.finishReason(), fill.systemFingerprint(),
                fill.promptTokens(), fill.completionTokens());
        if (store.scopeOf(fill.entry()) == null) {
            makeRoom(now);
        }
        store.put(fill.entry(), entry, now);
        store.counters().of(fill.scope()).stored++;
    }

    /** Keeps the partition within its bound: expired entries go first, then a batch of the least recently used. */
    private void makeRoom(long now) {
        int max = settings.maxEntriesPerPartition();
        if (store.size() < max) {
            return;
        }
        for (String key : store.expired(now)) {
            evict(key);
        }
        if (store.size() >= max) {
            int batch = Math.max(1, max / 100);
            for (String key : store.leastRecentlyUsed(store.size() - max + batch)) {
                evict(key);
            }
        }
    }

    private void evict(String key) {
        String scope = store.scopeOf(key);
        store.delete(key);
        if (scope != null) {
            store.counters().of(scope).evicted++;
        }
    }

    private void invalidate(List<String> keys) {
        for (String key : keys) {
            String scope = store.scopeOf(key);
            if (scope != null) {
                store.delete(key);
                store.counters().markDirty(scope);
            }
        }
    }

    /** Which scopes an invalidation names: a scope id, or {@code model=...} and/or {@code subscription=...}. */
    static final class ScopeFilter {
        private ScopeFilter() {
        }

        static Predicate<String> parse(String filter) {
            if (filter == null || filter.isEmpty()) {
                return s -> false;
            }
            if (!filter.contains("=")) {
                return filter::equals;
            }
            String model = null;
            String subscription = null;
            for (String part : filter.split(",")) {
                String[] kv = part.split("=", 2);
                if (kv.length == 2 && kv[0].trim().equals("model")) {
                    model = kv[1].trim();
                } else if (kv.length == 2 && kv[0].trim().equals("subscription")) {
                    subscription = kv[1].trim();
                }
            }
            String m = model;
            String sub = subscription;
            return scope -> {
                String[] parts = scope.split("\\|", 3);
                return (m == null || parts[0].equals(m)) && (sub == null || parts.length > 1 && parts[1].equals(sub));
            };
        }
    }
}
