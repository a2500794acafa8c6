package io.sluice.records.governance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** A token quota: at most {@code tokens} per calendar {@code period}. */
public record TokenQuota(@JsonProperty("tokens") long tokens, @JsonProperty("period") Period period) {
    public TokenQuota {
        Objects.requireNonNull(period, "period");
    }
}
