package io.sluice.records.governance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Objects;

/** A spending limit: at most {@code usd} US dollars per calendar {@code period}. */
public record Budget(@JsonProperty("usd") BigDecimal usd, @JsonProperty("period") Period period) {
    public Budget {
        Objects.requireNonNull(usd, "usd");
        Objects.requireNonNull(period, "period");
    }
}
