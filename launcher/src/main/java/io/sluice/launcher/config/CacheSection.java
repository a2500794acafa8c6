package io.sluice.launcher.config;

import io.sluice.processors.cache.CachePolicy;
import io.sluice.processors.cache.CacheRule;
import io.sluice.processors.cache.CacheSettings;
import io.sluice.processors.cache.EmbeddingsSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the {@code cache} section: the semantic cache, off unless {@code cache.enabled: true}. */
public final class CacheSection {

    private static final String[] POLICY_KEYS = {"threshold", "ttl-seconds", "vary-by", "ignore-system-messages",
            "last-messages", "semantic", "semantic-max-chars", "agreement-check"};

    private CacheSection() {
    }

    /**
     * The cache as configured.
     *
     * @param settings           null when the cache is off; its embeddings are the local model until
     *                           {@link #embeddingsBackend} is resolved by the launcher
     * @param embeddingsBackend  the declared backend that computes embeddings, or null for the local model
     * @param carriedHeaders     request headers some policy varies by (ingress carries them)
     */
    public record Cache(CacheSettings settings, String embeddingsBackend, String embeddingsModel,
            long embeddingsTimeoutMs, Set<String> carriedHeaders) {

        public boolean enabled() {
            return settings != null;
        }

        static Cache off() {
            return new Cache(null, null, null, 0, Set.of());
        }
    }

    static Cache read(ConfigNode root, List<SluiceConfig.Backend> backends) {
        ConfigNode c = root.child("cache");
        List<String> keys = new ArrayList<>(List.of("enabled", "models", "subscriptions", "max-entries-per-partition",
                "stats-interval-ms", "embeddings", "rules"));
        keys.addAll(List.of(POLICY_KEYS));
        c.allowOnly(keys.toArray(String[]::new));
        if (!c.bool("enabled", false)) {
            return Cache.off();
        }
        CachePolicy defaults = policy(c, CachePolicy.defaults());
        Set<String> headers = new LinkedHashSet<>(defaults.varyByHeaders());
        List<CacheRule> rules = new ArrayList<>();
        for (ConfigNode r : c.list("rules")) {
            List<String> ruleKeys = new ArrayList<>(List.of("model", "subscription", "enabled"));
            ruleKeys.addAll(List.of(POLICY_KEYS));
            r.allowOnly(ruleKeys.toArray(String[]::new));
            String model = r.string("model", null);
            String subscription = r.string("subscription", null);
            if (model == null && subscription == null) {
                throw r.error("model", "a rule names a model, a subscription, or both");
            }
            CachePolicy p = r.bool("enabled", true) ? policy(r, defaults) : null;
            if (p != null) {
                headers.addAll(p.varyByHeaders());
            }
            rules.add(new CacheRule(model, subscription, p));
        }
        ConfigNode e = c.child("embeddings").allowOnly("source", "backend", "model", "timeout-ms");
        String source = e.string("source", e.has("backend") ? "backend" : "local");
        String backend = null;
        if (source.equals("backend")) {
            backend = e.requiredString("backend", "Name a declared backend that serves embeddings, or use "
                    + "source: local for the built-in model.");
            String id = backend;
            if (backends.stream().noneMatch(b -> b.id().equals(id))) {
                throw e.error("backend", "names backend '" + backend + "', which is not declared");
            }
        } else if (!source.equals("local")) {
            throw e.error("source", "must be local (the built-in all-MiniLM-L6-v2 model) or backend (got '"
                    + source + "')");
        }
        CacheSettings settings = new CacheSettings(Set.copyOf(c.strings("models", List.of())),
                Set.copyOf(c.strings("subscriptions", List.of())), defaults, rules,
                c.integer("max-entries-per-partition", 100_000, 1, 10_000_000),
                c.longValue("stats-interval-ms", 5_000, 100, 3_600_000), EmbeddingsSource.local());
        return new Cache(settings, backend, e.string("model", "text-embedding-3-small"),
                e.longValue("timeout-ms", 500, 1, 60_000), Set.copyOf(headers));
    }

    /** The policy keys of {@code node} over {@code base}. */
    private static CachePolicy policy(ConfigNode node, CachePolicy base) {
        boolean sub = base.varyBySubscription();
        boolean sys = base.varyBySystemPrompt();
        boolean params = base.varyByParameters();
        List<String> headers = base.varyByHeaders();
        if (node.has("vary-by")) {
            sub = false;
            sys = false;
            params = false;
            headers = new ArrayList<>();
            for (String v : node.strings("vary-by", List.of())) {
                String item = v.trim().toLowerCase(Locale.ROOT);
                switch (item) {
                    case "model" -> { }
                    case "subscription" -> sub = true;
                    case "system-prompt" -> sys = true;
                    case "parameters" -> params = true;
                    default -> {
                        if (item.startsWith("header:") && item.length() > "header:".length()) {
                            headers.add(item.substring("header:".length()).trim());
                        } else {
                            throw node.error("vary-by", "unknown item '" + v + "'. Items are subscription, "
                                    + "system-prompt, parameters and header:<name> (the model always varies).");
                        }
                    }
                }
            }
        }
        return new CachePolicy(node.decimal("threshold", base.threshold(), 0.01, 1.0),
                node.longValue("ttl-seconds", base.ttlMs() / 1000, 1, 365L * 86_400) * 1000, sub, sys, params,
                headers, node.bool("ignore-system-messages", base.ignoreSystemMessages()),
                node.integer("last-messages", base.lastMessages(), 0, 10_000),
                node.bool("semantic", base.semantic()),
                node.integer("semantic-max-chars", base.semanticMaxChars(), 1, 100_000),
                node.bool("agreement-check", base.agreementCheck()));
    }
}
