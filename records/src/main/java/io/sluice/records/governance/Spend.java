package io.sluice.records.governance;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.records.Json;
import java.math.BigDecimal;

/**
 * What a subscription has spent in the current period of its budget, as the ledger counted it
 * (the spend topic, keyed by subscription id).
 *
 * @param periodStart start of the period (ISO-8601, UTC)
 */
public record Spend(
        @JsonProperty("subscription_id") String subscriptionId,
        @JsonProperty("period") Period period,
        @JsonProperty("period_start") String periodStart,
        @JsonProperty("spent_usd") BigDecimal spentUsd) {

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static Spend fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, Spend.class);
    }
}
