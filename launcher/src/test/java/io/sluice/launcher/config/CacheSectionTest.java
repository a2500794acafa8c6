package io.sluice.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.processors.cache.CachePolicy;
import io.sluice.processors.cache.CacheSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheSectionTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of("OPENAI_KEY", "sk-live-123")::get);

    private SluiceConfig load(String cacheYaml) {
        return loader.loadString("sluice.yaml", """
                backends:
                  - id: openai
                    base-url: https://api.openai.com/v1
                    api-key: ${OPENAI_KEY}
                models:
                  gpt-4o-mini: openai
                  gpt-4o: openai
                """ + cacheYaml);
    }

    private ConfigException error(String cacheYaml) {
        return catchThrowableOfType(ConfigException.class, () -> load(cacheYaml));
    }

    @Test
    void theCacheIsOffUnlessEnabled() {
        assertThat(load("").cache().enabled()).isFalse();
        assertThat(load("cache: { threshold: 0.5 }\n").cache().enabled()).isFalse();
    }

    @Test
    void enabledWithDefaultsItCachesEveryChatModelWithTheSafeDefaults() {
        CacheSettings s = load("cache: { enabled: true }\n").cache().settings();
        assertThat(s.policyFor("gpt-4o", "team-a")).isEqualTo(CachePolicy.defaults());
        assertThat(s.embeddings().isLocal()).isTrue();
        assertThat(s.maxEntriesPerPartition()).isEqualTo(100_000);
    }

    @Test
    void rulesTurnTheCacheOffOrTightenItPerModelOrSubscription() {
        SluiceConfig c = load("""
                cache:
                  enabled: true
                  threshold: 0.93
                  ttl-seconds: 120
                  vary-by: [subscription, "header:X-Tenant"]
                  rules:
                    - { subscription: team-b, enabled: false }
                    - { model: gpt-4o, threshold: 0.97, last-messages: 2 }
                """);
        CacheSettings s = c.cache().settings();
        assertThat(s.policyFor("gpt-4o-mini", "team-b")).isNull();
        CachePolicy strict = s.policyFor("gpt-4o", "team-a");
        assertThat(strict.threshold()).isEqualTo(0.97);
        assertThat(strict.lastMessages()).isEqualTo(2);
        assertThat(strict.ttlMs()).isEqualTo(120_000);
        CachePolicy base = s.policyFor("gpt-4o-mini", "team-a");
        assertThat(base.varyBySystemPrompt()).isFalse();
        assertThat(base.varyByParameters()).isFalse();
        assertThat(base.varyByHeaders()).containsExactly("x-tenant");
        assertThat(c.cache().carriedHeaders()).containsExactly("x-tenant");
    }

    @Test
    void embeddingsFromADeclaredBackend() {
        SluiceConfig c = load("cache: { enabled: true, embeddings: { backend: openai, timeout-ms: 300 } }\n");
        assertThat(c.cache().embeddingsBackend()).isEqualTo("openai");
        assertThat(c.cache().embeddingsTimeoutMs()).isEqualTo(300);
    }

    @Test
    void mistakesNameTheKeyAndTheFix() {
        assertThat(error("cache: { enabled: true, vary-by: [subscriptions] }\n").getMessage())
                .contains("cache.vary-by").contains("unknown item 'subscriptions'").contains("header:<name>");
        assertThat(error("cache: { enabled: true, threshold: 1.5 }\n").getMessage()).contains("cache.threshold")
                .contains("between");
        assertThat(error("cache: { enabled: true, embeddings: { backend: azure } }\n").getMessage())
                .contains("cache.embeddings.backend").contains("not declared");
        assertThat(error("cache: { enabled: true, rules: [ { threshold: 0.9 } ] }\n").getMessage())
                .contains("cache.rules[0]");
        assertThat(error("cache: { enabled: true, tll-seconds: 5 }\n").getMessage()).contains("cache.tll-seconds")
                .contains("unknown key");
    }
}
