package io.sluice.processors.cache;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A partition's cache: a RocksDB key-value store (entry key → {@link CacheEntry}, changelogged, so
 * it survives restarts and moves with its partition) decorated with the {@link VectorIndex} over
 * its entries. Writes go through both; the index is rebuilt from the store when the task's
 * processors start ({@link #rebuildIndex}), after Streams has restored the store.
 */
public final class CacheStore implements StateStore {

    private final KeyValueStore<String, CacheEntry> inner;
    private final VectorIndex index = new VectorIndex();
    private final ScopeCounters counters = new ScopeCounters();

    CacheStore(KeyValueStore<String, CacheEntry> inner) {
        this.inner = inner;
    }

    /** Rebuilds the index from the store: every entry, expired ones included (the sweep removes them). */
    void rebuildIndex() {
        index.clear();
        try (KeyValueIterator<String, CacheEntry> it = inner.all()) {
            while (it.hasNext()) {
                KeyValue<String, CacheEntry> kv = it.next();
                CacheEntry e = kv.value;
                index.put(kv.key, e.scope(), e.group(), e.vector(), e.expiresAt(), e.createdAt());
            }
        }
    }

    /** The task's per-scope counters, shared by the lookup and the fill processor. */
    ScopeCounters counters() {
        return counters;
    }

    CacheEntry get(String key) {
        return inner.get(key);
    }

    void put(String key, CacheEntry entry, long now) {
        inner.put(key, entry);
        index.put(key, entry.scope(), entry.group(), entry.vector(), entry.expiresAt(), now);
    }

    void delete(String key) {
        inner.delete(key);
        index.remove(key);
    }

    List<VectorIndex.Candidate> search(String group, float[] query, double threshold, int limit, long now) {
        return index.search(group, query, threshold, limit, now);
    }

    /** The scope an entry is indexed under, or null when there is no such entry. */
    String scopeOf(String key) {
        VectorIndex.Slot s = index.slot(key);
        return s == null ? null : s.scope;
    }

    void touch(String key, long now) {
        index.touch(key, now);
    }

    int size() {
        return index.size();
    }

    Map<String, Integer> entriesPerScope() {
        return index.entriesPerScope();
    }

    List<String> expired(long now) {
        return index.expired(now);
    }

    List<String> leastRecentlyUsed(int n) {
        return index.leastRecentlyUsed(n);
    }

    List<String> keysOfScopes(Predicate<String> test) {
        return index.keysOfScopes(test);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        index.clear();
        counters.clear();
        inner.init(context, root);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public void close() {
        index.clear();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return inner.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }
}
