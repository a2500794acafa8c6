package io.sluice.records.governance;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one model costs, in US dollars per million tokens.
 *
 * @param cachedInput price of prompt tokens the backend served from its prompt cache
 */
public record ModelPrice(BigDecimal input, BigDecimal output, BigDecimal cachedInput) {
    public ModelPrice {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        cachedInput = cachedInput == null ? input : cachedInput;
    }
}
