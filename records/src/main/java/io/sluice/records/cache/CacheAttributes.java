package io.sluice.records.cache;

/**
 * Names of the {@link io.sluice.records.PromptRecord} attributes the cache stage sets on a miss
 * that may be stored, read back by the egress listener that writes the {@link CacheFill}.
 */
public final class CacheAttributes {

    /** Present only when the answer may be stored (cacheable, no {@code no-store}); the entry key. */
    public static final String ENTRY = "cache-entry";
    /** The cache scope (model and the vary-by parts). */
    public static final String SCOPE = "cache-scope";
    /** Hash of the conversation before the compared message; semantic matches need it equal. */
    public static final String CONTEXT = "cache-context";
    /** The requests-topic key of the request, so the fill lands in the partition that looked it up. */
    public static final String PARTITION_KEY = "cache-partition-key";
    /** The compared text (the last user message), when semantic matching applies. */
    public static final String TEXT = "cache-text";
    /** Its embedding, float32 little-endian, base64; absent for exact-only entries. */
    public static final String VECTOR = "cache-vector";
    /** How long the stored answer lives, in milliseconds. */
    public static final String TTL_MS = "cache-ttl-ms";

    private CacheAttributes() {
    }
}
