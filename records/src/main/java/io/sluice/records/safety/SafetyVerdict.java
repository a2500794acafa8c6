package io.sluice.records.safety;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.records.Json;
import java.util.List;
import java.util.Map;

/**
 * What the external safety services said about one prompt, on the safety-verdicts topic (JSON,
 * keyed by request id, in the partition of its check request). Raw results only: the processors
 * apply the policy's thresholds and failure mode.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SafetyVerdict(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("results") List<Result> results) {

    public SafetyVerdict {
        results = results == null ? List.of() : List.copyOf(results);
    }

    public static final String OK = "ok";
    public static final String ERROR = "error";
    public static final String TIMEOUT = "timeout";

    /**
     * One service's answer.
     *
     * @param status          {@code ok}, {@code error} or {@code timeout}
     * @param categories      per category: Azure severity (0-7) or moderation score (0-1)
     * @param flagged         categories the service itself flagged (moderation)
     * @param blocklistHits   Azure blocklist matches as {@code <blocklist>:<item id>}
     * @param attackDetected  prompt shields: an attack in the user prompt
     * @param documentAttack  prompt shields: an attack in a document
     * @param detail          why it failed (never a key)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
            @JsonProperty("id") String id,
            @JsonProperty("type") String type,
            @JsonProperty("service") String service,
            @JsonProperty("status") String status,
            @JsonProperty("latency_ms") double latencyMs,
            @JsonProperty("categories") Map<String, Double> categories,
            @JsonProperty("flagged") List<String> flagged,
            @JsonProperty("blocklist_hits") List<String> blocklistHits,
            @JsonProperty("attack_detected") Boolean attackDetected,
            @JsonProperty("document_attack") Boolean documentAttack,
            @JsonProperty("detail") String detail) {

        public static Result failed(String id, String type, String service, String status, double latencyMs,
                String detail) {
            return new Result(id, type, service, status, latencyMs, null, null, null, null, null, detail);
        }
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static SafetyVerdict fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, SafetyVerdict.class);
    }
}
