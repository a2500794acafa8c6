package io.sluice.records.cache;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.records.Json;

/**
 * What one partition's cache holds and did for one scope, on the compacted cache-stats topic
 * (key {@code <scope>@<partition>}); the admin API adds the partitions up. Counters are totals
 * since the scope first appeared in that partition; a null value deletes the row.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheScopeStats(
        @JsonProperty("scope") String scope,
        @JsonProperty("model") String model,
        @JsonProperty("subscription") String subscription,
        @JsonProperty("partition") int partition,
        @JsonProperty("entries") long entries,
        @JsonProperty("hits") long hits,
        @JsonProperty("exact_hits") long exactHits,
        @JsonProperty("misses") long misses,
        @JsonProperty("bypasses") long bypasses,
        @JsonProperty("stored") long stored,
        @JsonProperty("evicted") long evicted,
        @JsonProperty("tokens_saved") long tokensSaved,
        @JsonProperty("updated_at") String updatedAt) {

    /** The stats-topic key of one scope in one partition. */
    public static String key(String scope, int partition) {
        return scope + "@" + partition;
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static CacheScopeStats fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, CacheScopeStats.class);
    }
}
