package io.sluice.records.safety;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.records.Json;
import java.util.List;
import java.util.Map;

/**
 * One content-safety decision on the audit topic (JSON, keyed by request id): which checks ran on
 * the prompt or the answer, what they found, and what the gateway did. Holds no raw text unless the
 * operator configured it: a SHA-256 of the checked text and a redacted excerpt.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("side") String side,
        @JsonProperty("subscription_id") String subscriptionId,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("model") String model,
        @JsonProperty("policies") List<String> policies,
        @JsonProperty("decision") String decision,
        @JsonProperty("status") Integer status,
        @JsonProperty("checks") List<CheckRun> checks,
        @JsonProperty("categories") List<Category> categories,
        @JsonProperty("latency_ms") double latencyMs,
        @JsonProperty("text_sha256") String textSha256,
        @JsonProperty("excerpt") String excerpt,
        @JsonProperty("raw_text") String rawText,
        @JsonProperty("detail") String detail) {

    public static final int SCHEMA_VERSION = 1;

    public static final String SIDE_PROMPT = "prompt";
    public static final String SIDE_RESPONSE = "response";

    /** Nothing any check objected to (log-only hits included in {@link #LOGGED}). */
    public static final String ALLOWED = "allowed";
    /** Allowed; a check in log mode found something. */
    public static final String LOGGED = "logged";
    /** Allowed after values were replaced in the text. */
    public static final String REDACTED = "redacted";
    /** Stopped: the prompt was refused, or the answer cut off. */
    public static final String BLOCKED = "blocked";
    /** An external check failed or timed out and the policy lets requests through then. */
    public static final String FAILED_OPEN = "failed_open";
    /** An external check failed or timed out and the policy refuses requests then (503). */
    public static final String FAILED_CLOSED = "failed_closed";

    /**
     * One check that ran.
     *
     * @param outcome    {@code pass}, {@code hit}, {@code error} or {@code timeout}
     * @param categories what it reported per category (severity 0-7, or score 0-1)
     * @param findings   how many matches a built-in check found
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckRun(
            @JsonProperty("check") String check,
            @JsonProperty("type") String type,
            @JsonProperty("mode") String mode,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("service") String service,
            @JsonProperty("categories") Map<String, Double> categories,
            @JsonProperty("findings") Integer findings,
            @JsonProperty("latency_ms") Double latencyMs,
            @JsonProperty("detail") String detail) {
    }

    /**
     * A category a check reported: its name as in the error body, its severity or score, the check,
     * what was done ({@code blocked}, {@code redacted}, {@code logged}, or {@code passed} below the
     * threshold), and the kinds found (PII kinds, blocklist items).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Category(
            @JsonProperty("category") String category,
            @JsonProperty("severity") String severity,
            @JsonProperty("value") Double value,
            @JsonProperty("check") String check,
            @JsonProperty("action") String action,
            @JsonProperty("types") List<String> types) {

        public boolean tripped() {
            return !"passed".equals(action);
        }
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static AuditEvent fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, AuditEvent.class);
    }
}
