package io.sluice.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.records.governance.Period;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GovernanceSectionTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of("K", "sk-team-a-0123456789")::get);

    private ConfigException error(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> loader.loadString("sluice.yaml", yaml));
    }

    @Test
    void readsSubscriptionLimitsPricesAndGovernanceSettings() {
        SluiceConfig c = loader.loadString("sluice.yaml", """
                subscriptions:
                  - id: team-a
                    product: gold
                    models: [gpt-4o-mini]
                    limits:
                      counter-key: header:x-user
                      tokens-per-minute: 1000
                      token-quota: { tokens: 50000, period: week }
                      budget: { usd: 12.5, period: month }
                    keys: [ "${K}" ]
                prices:
                  gpt-4o-mini: { input: 0.15, output: "0.60" }
                governance:
                  default-completion-tokens: 256
                  dedupe-window-minutes: 30
                """);
        var settings = c.subscriptions().get(0).settings();
        assertThat(settings.product()).isEqualTo("gold");
        assertThat(settings.limits().scope().header()).isEqualTo("x-user");
        assertThat(settings.limits().tokenQuota().period()).isEqualTo(Period.WEEK);
        assertThat(settings.limits().budget().usd()).isEqualByComparingTo("12.5");
        assertThat(c.governance().prices().get("gpt-4o-mini").output()).isEqualByComparingTo("0.60");
        assertThat(c.governance().prices().get("gpt-4o-mini").cachedInput()).as("defaults to input")
                .isEqualByComparingTo("0.15");
        assertThat(c.governance().defaultCompletionTokens()).isEqualTo(256);
        assertThat(c.governance().dedupeWindow()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theDemoPricesItsModelsAndAPlainSubscriptionHasNoSettings() {
        SluiceConfig demo = loader.demo();
        assertThat(demo.governance().prices()).containsKeys("gpt-4o-mini", "gpt-4o", "text-embedding-3-small");
        assertThat(demo.subscriptions().get(0).settings()).isNull();
    }

    @Test
    void aBadLimitNamesTheFileAndTheKey() {
        assertThat(error("""
                subscriptions:
                  - id: team-a
                    limits: { tokens-per-minute: -3 }
                """).getMessage()).startsWith("sluice.yaml: subscriptions[0].limits.tokens-per-minute: must be");
        assertThat(error("""
                subscriptions:
                  - id: team-a
                    limits: { token-quota: { tokens: 5, period: fortnight } }
                """).getMessage()).contains("subscriptions[0].limits.token-quota.period");
        assertThat(error("subscriptions: [ { id: \"a/b\" } ]").getMessage()).contains("subscriptions[0].id");
        assertThat(error("prices: { gpt-4o: { input: -1, output: 1 } }").getMessage())
                .contains("prices.gpt-4o.input");
        assertThat(error("prices: { gpt-4o: { input: 1 } }").getMessage()).contains("prices.gpt-4o.output");
        assertThat(error("governance: { default-completion-token: 5 }").getMessage())
                .contains("governance.default-completion-token").contains("unknown key");
    }
}
