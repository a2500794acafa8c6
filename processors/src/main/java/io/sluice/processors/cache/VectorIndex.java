package io.sluice.processors.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory index of one partition's cache entries: every entry's scope, expiry and recency
 * (for TTL and LRU eviction), and for entries that can match semantically, a 512-bit sketch and an
 * int8 copy of the vector in the group it is compared within. A lookup scans the group's sketches
 * (Hamming distance), keeps the closest few, and rescores them with the int8 vectors; the caller
 * confirms the best with the exact vector from the store. Rebuilt from the store when a task
 * starts; touched only by the task's stream thread.
 */
final class VectorIndex {

    /** How many sketch-nearest entries are rescored. */
    static final int PREFILTER = 64;
    /** Int8 rescoring is within about 0.005 of the exact score; candidates this far below pass on. */
    static final double RESCORE_SLACK = 0.02;

    /** One entry as the index knows it. */
    static final class Slot {
        final String key;
        final String scope;
        final long expiresAt;
        long lastUsed;
        Group group;
        int pos = -1;

        Slot(String key, String scope, long expiresAt, long lastUsed) {
            this.key = key;
            this.scope = scope;
            this.expiresAt = expiresAt;
            this.lastUsed = lastUsed;
        }
    }

    /** A candidate of a semantic lookup, with its approximate score. */
    record Candidate(String key, double score) {
    }

    private static final class Group {
        final int dims;
        int size;
        long[] sketches;
        byte[] vectors;
        float[] scales;
        Slot[] slots;

        Group(int dims) {
            this.dims = dims;
            int cap = 16;
            sketches = new long[cap * Signature.WORDS];
            vectors = new byte[cap * dims];
            scales = new float[cap];
            slots = new Slot[cap];
        }

        void grow() {
            int cap = slots.length * 2;
            sketches = Arrays.copyOf(sketches, cap * Signature.WORDS);
            vectors = Arrays.copyOf(vectors, cap * dims);
            scales = Arrays.copyOf(scales, cap);
            slots = Arrays.copyOf(slots, cap);
        }
    }

    private final Signature signature = new Signature();
    private final Map<String, Slot> byKey = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<String, Integer> perScope = new HashMap<>();

    int size() {
        return byKey.size();
    }

    boolean contains(String key) {
        return byKey.containsKey(key);
    }

    Slot slot(String key) {
        return byKey.get(key);
    }

    /** Entries per scope, for the statistics. */
    Map<String, Integer> entriesPerScope() {
        return perScope;
    }

    /** Adds or replaces an entry; {@code vector} (unit length) null for an exact-only entry. */
    void put(String key, String scope, String group, float[] vector, long expiresAt, long now) {
        remove(key);
        Slot slot = new Slot(key, scope, expiresAt, now);
        byKey.put(key, slot);
        perScope.merge(scope, 1, Integer::sum);
        if (vector == null || group == null) {
            return;
        }
        Group g = groups.get(group);
        if (g == null || g.dims != vector.length) {
            g = new Group(vector.length);
            groups.put(group, g);
        }
        if (g.size == g.slots.length) {
            g.grow();
        }
        int pos = g.size++;
        signature.sketch(vector, g.sketches, pos * Signature.WORDS);
        g.scales[pos] = quantize(vector, g.vectors, pos * g.dims);
        g.slots[pos] = slot;
        slot.group = g;
        slot.pos = pos;
    }

    void remove(String key) {
        Slot slot = byKey.remove(key);
        if (slot == null) {
            return;
        }
        perScope.computeIfPresent(slot.scope, (k, n) -> n == 1 ? null : n - 1);
        Group g = slot.group;
        if (g == null) {
            return;
        }
        int last = --g.size;
        if (slot.pos != last) {
            Slot moved = g.slots[last];
            System.arraycopy(g.sketches, last * Signature.WORDS, g.sketches, slot.pos * Signature.WORDS,
                    Signature.WORDS);
            System.arraycopy(g.vectors, last * g.dims, g.vectors, slot.pos * g.dims, g.dims);
            g.scales[slot.pos] = g.scales[last];
            g.slots[slot.pos] = moved;
            moved.pos = slot.pos;
        }
        g.slots[last] = null;
        if (g.size == 0) {
            groups.values().remove(g);
        }
    }

    void clear() {
        byKey.clear();
        groups.clear();
        perScope.clear();
    }

    /**
     * Entries of {@code group} whose approximate similarity to {@code query} reaches
     * {@code threshold - RESCORE_SLACK}, best first, at most {@code limit}; expired ones left out.
     */
    List<Candidate> search(String group, float[] query, double threshold, int limit, long now) {
        Group g = groups.get(group);
        if (g == null || g.dims != query.length) {
            return List.of();
        }
        long[] q = new long[Signature.WORDS];
        signature.sketch(query, q, 0);
        int maxDist = Signature.maxDistance(threshold);
        long[] heap = new long[PREFILTER];
        int heapSize = 0;
        long[] s = g.sketches;
        for (int i = 0, off = 0; i < g.size; i++, off += Signature.WORDS) {
            int d = 0;
            for (int w = 0; w < Signature.WORDS; w++) {
                d += Long.bitCount(s[off + w] ^ q[w]);
            }
            if (d > maxDist) {
                continue;
            }
            long item = ((long) d << 32) | i;
            if (heapSize < PREFILTER) {
                heap[heapSize] = item;
                siftUp(heap, heapSize++);
            } else if (item < heap[0]) {
                heap[0] = item;
                siftDown(heap, heapSize);
            }
        }
        byte[] qv = new byte[g.dims];
        float qs = quantize(query, qv, 0);
        List<Candidate> out = new ArrayList<>();
        for (int h = 0; h < heapSize; h++) {
            int i = (int) heap[h];
            Slot slot = g.slots[i];
            if (slot.expiresAt <= now) {
                continue;
            }
            double score = dot(qv, g.vectors, i * g.dims, g.dims) * (double) qs * g.scales[i];
            if (score >= threshold - RESCORE_SLACK) {
                out.add(new Candidate(slot.key, score));
            }
        }
        out.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    void touch(String key, long now) {
        Slot s = byKey.get(key);
        if (s != null) {
            s.lastUsed = now;
        }
    }

    /** Keys of entries past their expiry. */
    List<String> expired(long now) {
        List<String> out = new ArrayList<>();
        for (Slot s : byKey.values()) {
            if (s.expiresAt <= now) {
                out.add(s.key);
            }
        }
        return out;
    }

    /** The {@code n} least recently used keys. */
    List<String> leastRecentlyUsed(int n) {
        List<Slot> all = new ArrayList<>(byKey.values());
        all.sort(Comparator.comparingLong(s -> s.lastUsed));
        List<String> out = new ArrayList<>(Math.min(n, all.size()));
        for (int i = 0; i < n && i < all.size(); i++) {
            out.add(all.get(i).key);
        }
        return out;
    }

    /** Keys whose scope passes {@code test}. */
    List<String> keysOfScopes(java.util.function.Predicate<String> test) {
        List<String> out = new ArrayList<>();
        for (Slot s : byKey.values()) {
            if (test.test(s.scope)) {
                out.add(s.key);
            }
        }
        return out;
    }

    /** Symmetric int8 quantization scaled to the largest component; returns the scale. */
    private static float quantize(float[] v, byte[] out, int offset) {
        float max = 0;
        for (float f : v) {
            max = Math.max(max, Math.abs(f));
        }
        if (max == 0) {
            return 0;
        }
        float k = 127f / max;
        for (int i = 0; i < v.length; i++) {
            out[offset + i] = (byte) Math.round(v[i] * k);
        }
        return max / 127f;
    }

    private static long dot(byte[] a, byte[] b, int offset, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a[i] * b[offset + i];
        }
        return sum;
    }

    private static void siftUp(long[] heap, int i) {
        while (i > 0) {
            int parent = (i - 1) >> 1;
            if (heap[parent] >= heap[i]) {
                return;
            }
            long t = heap[parent];
            heap[parent] = heap[i];
            heap[i] = t;
            i = parent;
        }
    }

    private static void siftDown(long[] heap, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int largest = i;
            if (l < size && heap[l] > heap[largest]) {
                largest = l;
            }
            if (r < size && heap[r] > heap[largest]) {
                largest = r;
            }
            if (largest == i) {
                return;
            }
            long t = heap[largest];
            heap[largest] = heap[i];
            heap[i] = t;
            i = largest;
        }
    }
}
