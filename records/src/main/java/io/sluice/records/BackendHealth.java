package io.sluice.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A change of a backend's circuit breaker, on the compacted backend-health topic keyed by backend
 * id (JSON). The latest record per backend is its state: every processors and egress instance
 * reads them all, so a breaker one instance trips is respected by all. An open breaker lets calls
 * through again (as probes) from {@code openUntilMs} on.
 *
 * @param instance    the egress instance whose observation changed the state
 * @param changedAtMs when the state changed (epoch ms); a newer change wins over an older one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackendHealth(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("backend") String backend,
        @JsonProperty("state") String state,
        @JsonProperty("open_until_ms") Long openUntilMs,
        @JsonProperty("reason") String reason,
        @JsonProperty("instance") String instance,
        @JsonProperty("changed_at_ms") long changedAtMs) {

    public static final int SCHEMA_VERSION = 1;
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    public BackendHealth {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(state, "state");
        if (OPEN.equals(state) && openUntilMs == null) {
            throw new IllegalArgumentException("an open breaker needs open_until_ms");
        }
    }

    public static BackendHealth open(String backend, long openUntilMs, String reason, String instance,
            long changedAtMs) {
        return new BackendHealth(SCHEMA_VERSION, backend, OPEN, openUntilMs, reason, instance, changedAtMs);
    }

    public static BackendHealth closed(String backend, String reason, String instance, long changedAtMs) {
        return new BackendHealth(SCHEMA_VERSION, backend, CLOSED, null, reason, instance, changedAtMs);
    }

    public boolean isOpen() {
        return OPEN.equals(state);
    }

    /** True while calls must not go to this backend at {@code nowMs} (open, and not yet time to probe). */
    public boolean blocksAt(long nowMs) {
        return isOpen() && openUntilMs > nowMs;
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static BackendHealth fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, BackendHealth.class);
    }
}
