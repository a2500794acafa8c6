package io.sluice.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * One event per finished request on the usage topic (JSON, keyed by subscription id). Fields are
 * only ever added; consumers must ignore fields they do not know. Absent numbers are omitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageEvent(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("subscription_id") String subscriptionId,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("end_user") String endUser,
        @JsonProperty("model") String model,
        @JsonProperty("backend") String backend,
        @JsonProperty("operation") String operation,
        @JsonProperty("mode") String mode,
        @JsonProperty("status") int status,
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("prompt_tokens") long promptTokens,
        @JsonProperty("completion_tokens") long completionTokens,
        @JsonProperty("total_tokens") long totalTokens,
        @JsonProperty("cached_tokens") Long cachedTokens,
        @JsonProperty("cost_usd") BigDecimal costUsd,
        @JsonProperty("cache") String cache,
        @JsonProperty("tokens_saved") Long tokensSaved,
        @JsonProperty("attempts") List<Attempt> attempts,
        @JsonProperty("latency_ms") double latencyMs,
        @JsonProperty("ttft_ms") Double ttftMs,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("batch_id") String batchId,
        @JsonProperty("custom_id") String customId) {

    public static final int SCHEMA_VERSION = 1;

    /** Modes a request runs in. */
    public static final String MODE_SYNC = "sync";
    public static final String MODE_STREAM = "stream";
    public static final String MODE_BATCH = "batch";

    /** One call to a backend made for this request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(
            @JsonProperty("backend") String backend,
            @JsonProperty("status") int status,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("latency_ms") double latencyMs) {
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.requestId = requestId;
        b.subscriptionId = subscriptionId;
        b.keyId = keyId;
        b.endUser = endUser;
        b.model = model;
        b.backend = backend;
        b.operation = operation;
        b.mode = mode;
        b.status = status;
        b.errorCode = errorCode;
        b.promptTokens = promptTokens;
        b.completionTokens = completionTokens;
        b.cachedTokens = cachedTokens;
        b.costUsd = costUsd;
        b.cache = cache;
        b.tokensSaved = tokensSaved;
        b.attempts = attempts;
        b.latencyMs = latencyMs;
        b.ttftMs = ttftMs;
        b.timestamp = timestamp;
        b.batchId = batchId;
        b.customId = customId;
        return b;
    }

    /** Builds a usage event; total tokens are derived. */
    public static final class Builder {
        private String requestId;
        private String subscriptionId;
        private String keyId;
        private String endUser;
        private String model;
        private String backend;
        private String operation;
        private String mode = MODE_SYNC;
        private int status;
        private String errorCode;
        private long promptTokens;
        private long completionTokens;
        private Long cachedTokens;
        private BigDecimal costUsd;
        private String cache;
        private Long tokensSaved;
        private List<Attempt> attempts;
        private double latencyMs;
        private Double ttftMs;
        private String timestamp;
        private String batchId;
        private String customId;

        public Builder requestId(String v) { requestId = v; return this; }
        public Builder subscriptionId(String v) { subscriptionId = v; return this; }
        public Builder keyId(String v) { keyId = v; return this; }
        public Builder endUser(String v) { endUser = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder backend(String v) { backend = v; return this; }
        public Builder operation(String v) { operation = v; return this; }
        public Builder mode(String v) { mode = v; return this; }
        public Builder status(int v) { status = v; return this; }
        public Builder errorCode(String v) { errorCode = v; return this; }
        public Builder promptTokens(long v) { promptTokens = v; return this; }
        public Builder completionTokens(long v) { completionTokens = v; return this; }
        public Builder cachedTokens(Long v) { cachedTokens = v; return this; }
        public Builder costUsd(BigDecimal v) { costUsd = v; return this; }
        public Builder cache(String v) { cache = v; return this; }
        public Builder tokensSaved(Long v) { tokensSaved = v; return this; }
        public Builder attempts(List<Attempt> v) { attempts = v == null ? null : List.copyOf(v); return this; }
        public Builder latencyMs(double v) { latencyMs = v; return this; }
        public Builder ttftMs(Double v) { ttftMs = v; return this; }
        public Builder timestamp(String v) { timestamp = v; return this; }
        public Builder batchId(String v) { batchId = v; return this; }
        public Builder customId(String v) { customId = v; return this; }

        /** Fills identity fields from the request. */
        public Builder from(PromptRecord p) {
            requestId = p.requestId();
            subscriptionId = p.subscriptionId();
            keyId = p.keyId();
            model = p.model();
            operation = p.operation().wireName();
            mode = p.stream() ? MODE_STREAM : MODE_SYNC;
            endUser = p.attribute(Attributes.END_USER);
            return this;
        }

        public UsageEvent build() {
            return new UsageEvent(SCHEMA_VERSION, requestId, subscriptionId, keyId, endUser, model, backend, operation,
                    mode, status, errorCode, promptTokens, completionTokens, promptTokens + completionTokens,
                    cachedTokens, costUsd, cache, tokensSaved, attempts, latencyMs, ttftMs, timestamp, batchId, customId);
        }
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static UsageEvent fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, UsageEvent.class);
    }
}
