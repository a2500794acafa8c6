package io.sluice.records.governance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.records.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * An API key as stored on the config topic under {@code key:<id>}: its SHA-256 and metadata,
 * never the key. A revoked key stays stored, so it can never be issued again.
 *
 * @param prefix    the first characters of the key, to tell keys apart in lists (absent for keys
 *                  configured only by their hash)
 * @param expiresAt when a rotated key stops working (ISO-8601), or absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyEntry(
        @JsonProperty("id") String id,
        @JsonProperty("subscription_id") String subscriptionId,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("prefix") String prefix,
        @JsonProperty("name") String name,
        @JsonProperty("revoked") boolean revoked,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("revoked_at") String revokedAt,
        @JsonProperty("expires_at") String expiresAt) {

    public ApiKeyEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Whether the key has been rotated away and its grace period is over at {@code now}. */
    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(Instant.parse(expiresAt));
    }

    /** Whether the key authenticates requests at {@code now}. */
    public boolean usable(Instant now) {
        return !revoked && !expired(now);
    }

    public ApiKeyEntry revokedAt(Instant when) {
        return new ApiKeyEntry(id, subscriptionId, sha256, prefix, name, true, createdAt, when.toString(), expiresAt);
    }

    public ApiKeyEntry expiringAt(Instant when) {
        return new ApiKeyEntry(id, subscriptionId, sha256, prefix, name, revoked, createdAt, revokedAt,
                when.toString());
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static ApiKeyEntry fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, ApiKeyEntry.class);
    }
}
