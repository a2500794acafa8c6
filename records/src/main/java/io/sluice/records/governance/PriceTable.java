package io.sluice.records.governance;

import io.sluice.records.UsageEvent;
import java.math.BigDecimal;
import java.util.Map;

/** Prices per model name (the name clients use); prices a usage event exactly, in US dollars. */
public record PriceTable(Map<String, ModelPrice> models) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public PriceTable {
        models = models == null ? Map.of() : Map.copyOf(models);
    }

    public static PriceTable none() {
        return new PriceTable(Map.of());
    }

    /**
     * The cost of a request: uncached prompt tokens at the input price, cached ones at the cached
     * price, completion tokens at the output price. Null when the model has no price.
     */
    public BigDecimal cost(String model, long promptTokens, long completionTokens, Long cachedTokens) {
        ModelPrice p = model == null ? null : models.get(model);
        if (p == null) {
            return null;
        }
        long cached = cachedTokens == null ? 0 : Math.min(Math.max(0, cachedTokens), promptTokens);
        BigDecimal micro = p.input().multiply(BigDecimal.valueOf(promptTokens - cached))
                .add(p.cachedInput().multiply(BigDecimal.valueOf(cached)))
                .add(p.output().multiply(BigDecimal.valueOf(completionTokens)));
        return micro.divide(MILLION).stripTrailingZeros();
    }

    public BigDecimal cost(UsageEvent e) {
        return cost(e.model(), e.promptTokens(), e.completionTokens(), e.cachedTokens());
    }
}
