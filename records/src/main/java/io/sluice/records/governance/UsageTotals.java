package io.sluice.records.governance;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.records.Json;
import io.sluice.records.UsageEvent;
import java.math.BigDecimal;

/**
 * The ledger's totals of one subscription over one period bucket ({@code 2026-11-24} for a day,
 * {@code 2026-11} for a month): requests, tokens and cost, summed exactly.
 */
public record UsageTotals(
        @JsonProperty("period") String period,
        @JsonProperty("requests") long requests,
        @JsonProperty("prompt_tokens") long promptTokens,
        @JsonProperty("completion_tokens") long completionTokens,
        @JsonProperty("total_tokens") long totalTokens,
        @JsonProperty("cached_tokens") long cachedTokens,
        @JsonProperty("cost_usd") BigDecimal costUsd) {

    public UsageTotals {
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    }

    public static UsageTotals empty(String period) {
        return new UsageTotals(period, 0, 0, 0, 0, 0, BigDecimal.ZERO);
    }

    public UsageTotals plus(UsageEvent e) {
        return new UsageTotals(period, requests + 1, promptTokens + e.promptTokens(),
                completionTokens + e.completionTokens(), totalTokens + e.totalTokens(),
                cachedTokens + (e.cachedTokens() == null ? 0 : e.cachedTokens()),
                e.costUsd() == null ? costUsd : costUsd.add(e.costUsd()));
    }

    public UsageTotals plus(UsageTotals o) {
        return new UsageTotals(period, requests + o.requests, promptTokens + o.promptTokens,
                completionTokens + o.completionTokens, totalTokens + o.totalTokens, cachedTokens + o.cachedTokens,
                costUsd.add(o.costUsd));
    }

    public UsageTotals withPeriod(String p) {
        return new UsageTotals(p, requests, promptTokens, completionTokens, totalTokens, cachedTokens, costUsd);
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static UsageTotals fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, UsageTotals.class);
    }
}
