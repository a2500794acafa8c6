package io.sluice.processors.cache;

/** Response headers that tell the client what the cache did. */
public final class CacheHeaders {
    /** {@code hit}, {@code miss} or {@code bypass}. */
    public static final String STATUS = "x-sluice-cache";
    /** Similarity of the stored prompt that answered (1.0000 for an exact match). */
    public static final String SCORE = "x-sluice-cache-score";
    /** The entry key: what {@code DELETE /admin/cache/entries/{key}} takes. */
    public static final String KEY = "x-sluice-cache-key";
    /** Seconds since the answer was stored. */
    public static final String AGE = "x-sluice-cache-age";

    public static final String HIT = "hit";
    public static final String MISS = "miss";
    public static final String BYPASS = "bypass";

    private CacheHeaders() {
    }
}
