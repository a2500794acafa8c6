package io.sluice.records.governance;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.records.Json;

/**
 * A finished request's real token usage, sent back to the quota counter that reserved tokens for
 * it (the reconcile topic, keyed by counter key, so it reaches the partition of the counter).
 */
public record Reconciliation(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("counter_key") String counterKey,
        @JsonProperty("status") int status,
        @JsonProperty("prompt_tokens") long promptTokens,
        @JsonProperty("completion_tokens") long completionTokens) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static Reconciliation fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, Reconciliation.class);
    }
}
