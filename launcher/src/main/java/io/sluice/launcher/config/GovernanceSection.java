package io.sluice.launcher.config;

import io.sluice.records.governance.InvalidFieldException;
import io.sluice.records.governance.ModelPrice;
import io.sluice.records.governance.Subscription;
import io.sluice.records.governance.SubscriptionInput;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the token-governance parts of the config: {@code governance:}, {@code prices:} and subscriptions' limits. */
final class GovernanceSection {

    /** Keys of a subscription besides id, name and keys: what seeds its settings on the config topic. */
    static final List<String> SUBSCRIPTION_KEYS = List.of("product", "state", "models", "limits");

    /** List prices (USD per million tokens) the demo bills its simulated models at. */
    private static final Map<String, ModelPrice> DEMO_PRICES = Map.of(
            "gpt-4o-mini", price("0.15", "0.60", "0.075"),
            "gpt-4o", price("2.50", "10.00", "1.25"),
            "text-embedding-3-small", price("0.02", "0", "0.02"));

    private GovernanceSection() {
    }

    static SluiceConfig.Governance read(ConfigNode root, boolean demo) {
        ConfigNode g = root.child("governance").allowOnly("default-completion-tokens", "dedupe-window-minutes",
                "advertised-host");
        Map<String, ModelPrice> prices = root.has("prices") ? prices(root) : demo ? DEMO_PRICES : Map.of();
        return new SluiceConfig.Governance(g.longValue("default-completion-tokens", 1024, 0, 1_000_000),
                Duration.ofMinutes(g.longValue("dedupe-window-minutes", 60, 1, 7 * 24 * 60)),
                g.string("advertised-host", null), prices);
    }

    private static Map<String, ModelPrice> prices(ConfigNode root) {
        Map<String, ModelPrice> out = new LinkedHashMap<>();
        root.entries("prices").forEach((model, p) -> {
            if (p.isScalar()) {
                throw p.error(null, "must be a mapping: { input: 0.15, output: 0.60, cached-input: 0.075 } "
                        + "(US dollars per million tokens)");
            }
            p.allowOnly("input", "output", "cached-input");
            BigDecimal input = amount(p, "input", true);
            out.put(model, new ModelPrice(input, amount(p, "output", true), amount(p, "cached-input", false)));
        });
        return Map.copyOf(out);
    }

    private static BigDecimal amount(ConfigNode p, String key, boolean required) {
        String v = p.string(key, null);
        if (v == null) {
            if (required) {
                throw p.error(key, "is required: US dollars per million tokens, e.g. 0.15");
            }
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v.trim());
            if (d.signum() >= 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw p.error(key, "must be a price of 0 or more in US dollars per million tokens (got '" + v + "')");
    }

    /** The settings of one configured subscription; null when it gives none of them. */
    static Subscription settings(ConfigNode s, String id) {
        if (SUBSCRIPTION_KEYS.stream().noneMatch(s::has)) {
            return null;
        }
        try {
            return new SubscriptionInput(SubscriptionInput.Naming.KEBAB).read(id, s.json(), null, null,
                    Set.of("id", "name", "keys"));
        } catch (InvalidFieldException e) {
            throw s.error(e.field(), e.getMessage());
        }
    }

    private static ModelPrice price(String input, String output, String cached) {
        return new ModelPrice(new BigDecimal(input), new BigDecimal(output), new BigDecimal(cached));
    }
}
