package io.sluice.records.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.records.Json;
import io.sluice.records.UsageEvent;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    private final PriceTable prices = new PriceTable(Map.of("gpt-4o-mini",
            new ModelPrice(new BigDecimal("0.15"), new BigDecimal("0.60"), new BigDecimal("0.075"))));

    @Test
    void pricesUncachedCachedAndCompletionTokensPerMillion() {
        assertThat(prices.cost("gpt-4o-mini", 1000, 500, 200L)).isEqualByComparingTo("0.000435");
        assertThat(prices.cost("gpt-4o-mini", 1_000_000, 1_000_000, null)).isEqualByComparingTo("0.75");
    }

    @Test
    void anUnpricedModelHasNoCost() {
        assertThat(prices.cost("gpt-9", 10, 10, null)).isNull();
    }

    @Test
    void costIsWrittenAsAPlainDecimal() {
        UsageEvent e = UsageEvent.builder().requestId("r").subscriptionId("s").costUsd(
                prices.cost("gpt-4o-mini", 1, 0, null)).build();
        assertThat(new String(Json.toBytes(e))).contains("\"cost_usd\":0.00000015");
        assertThat(UsageEvent.fromJson(Json.toBytes(e)).costUsd()).isEqualByComparingTo("0.00000015");
    }
}
