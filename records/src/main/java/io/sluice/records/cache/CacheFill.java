package io.sluice.records.cache;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.records.Json;

/**
 * A record on the cache-fill topic, keyed like the request so it reaches the partition that looked
 * it up: either an answer to store (written by egress after a successful, fully checked answer) or
 * an invalidation (written by the admin API to every partition).
 *
 * @param kind              {@code store}, {@code invalidate-entry}, {@code invalidate-scope} or
 *                          {@code invalidate-all}
 * @param entry             the entry key (hash of the scope and the normalised request)
 * @param scope             the cache scope; for {@code invalidate-scope} a scope id or a filter
 *                          ({@code model=...}, {@code subscription=...})
 * @param vector            the compared text's embedding (float32 little-endian, base64), or null
 * @param promptTokens      what the backend counted for the prompt: saved again by every hit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheFill(
        @JsonProperty("kind") String kind,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("entry") String entry,
        @JsonProperty("scope") String scope,
        @JsonProperty("context") String context,
        @JsonProperty("text") String text,
        @JsonProperty("vector") String vector,
        @JsonProperty("ttl_ms") long ttlMs,
        @JsonProperty("model") String model,
        @JsonProperty("content") String content,
        @JsonProperty("finish_reason") String finishReason,
        @JsonProperty("system_fingerprint") String systemFingerprint,
        @JsonProperty("prompt_tokens") long promptTokens,
        @JsonProperty("completion_tokens") long completionTokens) {

    public static final String STORE = "store";
    public static final String INVALIDATE_ENTRY = "invalidate-entry";
    public static final String INVALIDATE_SCOPE = "invalidate-scope";
    public static final String INVALIDATE_ALL = "invalidate-all";

    /** An invalidation of one entry, of the scopes matching {@code scopeFilter}, or of all (both null). */
    public static CacheFill invalidation(String entry, String scopeFilter) {
        String kind = entry != null ? INVALIDATE_ENTRY : scopeFilter != null ? INVALIDATE_SCOPE : INVALIDATE_ALL;
        return new CacheFill(kind, null, entry, scopeFilter, null, null, null, 0, null, null, null, null, 0, 0);
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static CacheFill fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, CacheFill.class);
    }
}
