package io.sluice.records.governance;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The limits of one subscription; an absent limit does not apply.
 *
 * @param counterKey what the limits are counted per (absent: the subscription)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Limits(
        @JsonProperty("counter_key") CounterScope counterKey,
        @JsonProperty("tokens_per_minute") Long tokensPerMinute,
        @JsonProperty("token_quota") TokenQuota tokenQuota,
        @JsonProperty("requests_per_minute") Long requestsPerMinute,
        @JsonProperty("max_parallel") Long maxParallel,
        @JsonProperty("budget") Budget budget) {

    public static final Limits NONE = new Limits(null, null, null, null, null, null);

    /** The scope counters are kept per. */
    public CounterScope scope() {
        return counterKey == null ? CounterScope.SUBSCRIPTION : counterKey;
    }

    /** Whether any counter is kept for requests of this subscription. */
    @JsonIgnore
    public boolean counted() {
        return tokensPerMinute != null || tokenQuota != null || requestsPerMinute != null || maxParallel != null;
    }

    /** Whether requests must be tokenized to check these limits. */
    @JsonIgnore
    public boolean countsTokens() {
        return tokensPerMinute != null || tokenQuota != null;
    }
}
