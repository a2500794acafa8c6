package io.sluice.records.safety;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.records.Json;
import java.util.List;

/**
 * A prompt that needs an external safety service's verdict, on the safety-checks topic (JSON value,
 * keyed by request id, in the partition of the request; the request's metadata in sluice-* headers).
 * The text is already redacted by the built-in checks, so no redacted value leaves the gateway.
 *
 * @param deadlineEpochMs by when the worker must have answered (the policy's timeout)
 * @param text            all the prompt's text, for analysis and moderation
 * @param userPrompt      the user messages, for prompt shields
 * @param documents       tool and function results, for prompt shields' document attacks
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SafetyCheckRequest(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("deadline_ms") long deadlineEpochMs,
        @JsonProperty("checks") List<ExternalCall> checks,
        @JsonProperty("text") String text,
        @JsonProperty("user_prompt") String userPrompt,
        @JsonProperty("documents") List<String> documents) {

    public SafetyCheckRequest {
        checks = checks == null ? List.of() : List.copyOf(checks);
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    /**
     * One call to make.
     *
     * @param id         the check's name in its policy, echoed in the result
     * @param type       {@code azure-text-analysis}, {@code azure-prompt-shield} or {@code openai-moderation}
     * @param service    the configured service to call
     * @param categories Azure categories to analyse (empty: the service's default set)
     * @param blocklists Azure blocklist names
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExternalCall(
            @JsonProperty("id") String id,
            @JsonProperty("type") String type,
            @JsonProperty("service") String service,
            @JsonProperty("categories") List<String> categories,
            @JsonProperty("blocklists") List<String> blocklists,
            @JsonProperty("halt_on_blocklist_hit") boolean haltOnBlocklistHit) {

        public ExternalCall {
            categories = categories == null ? List.of() : List.copyOf(categories);
            blocklists = blocklists == null ? List.of() : List.copyOf(blocklists);
        }
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static SafetyCheckRequest fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, SafetyCheckRequest.class);
    }
}
