package io.sluice.processors.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Lines waiting for their counter's window, first in first out per counter key, in a state store
 * (so they survive restarts) with an index in memory of how many wait per counter.
 */
final class LineQueue {

    /** One waiting line: its store key and its stored record. */
    record Entry(String key, byte[] stored) {
    }

    private final KeyValueStore<String, byte[]> store;
    private final Map<String, Integer> waiting = new HashMap<>();

    LineQueue(KeyValueStore<String, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                waiting.merge(counterOf(it.next().key), 1, Integer::sum);
            }
        }
    }

    boolean waiting(String counterKey) {
        return waiting.containsKey(counterKey);
    }

    Set<String> counters() {
        return Set.copyOf(waiting.keySet());
    }

    int size() {
        return waiting.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Queues a line behind those of its counter; {@code seq} orders it (its offset on the lines topic). */
    void add(String counterKey, long seq, byte[] stored) {
        store.put(prefix(counterKey) + String.format("%019d", seq), stored);
        waiting.merge(counterKey, 1, Integer::sum);
    }

    /** Up to {@code max} lines of {@code counterKey}, oldest first. */
    List<Entry> head(String counterKey, int max) {
        List<Entry> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix(counterKey), new StringSerializer())) {
            while (it.hasNext() && out.size() < max) {
                KeyValue<String, byte[]> kv = it.next();
                out.add(new Entry(kv.key, kv.value));
            }
        }
        return out;
    }

    void remove(String counterKey, Entry e) {
        store.delete(e.key());
        waiting.computeIfPresent(counterKey, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Store keys start with the counter key's length, so one counter key is never a prefix of another's keys. */
    private static String prefix(String counterKey) {
        return counterKey.length() + ":" + counterKey + "#";
    }

    private static String counterOf(String storeKey) {
        int colon = storeKey.indexOf(':');
        int len = Integer.parseInt(storeKey.substring(0, colon));
        return storeKey.substring(colon + 1, colon + 1 + len);
    }
}
