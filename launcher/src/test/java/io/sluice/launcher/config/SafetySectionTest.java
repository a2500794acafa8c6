package io.sluice.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.egress.safety.SafetyService;
import io.sluice.safety.policy.CheckMode;
import io.sluice.safety.policy.CheckType;
import io.sluice.safety.policy.SafetyPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafetySectionTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of("CS_KEY", "cs-secret-123")::get);

    private static final String SERVICES = """
            safety:
              services:
                - { id: cs, type: azure-content-safety, endpoint: "https://cs.example", api-key: "${CS_KEY}" }
                - { id: mod, type: openai-moderation, base-url: "https://api.example/v1", api-key: "${CS_KEY}" }
            """;

    private ConfigException error(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> loader.loadString("sluice.yaml", yaml));
    }

    @Test
    void safetyIsOffUnlessConfigured() {
        assertThat(loader.loadString("sluice.yaml", "").safety().enabled()).isFalse();
    }

    @Test
    void readsPoliciesAttachmentsServicesAndAudit() {
        SluiceConfig c = loader.loadString("sluice.yaml", SERVICES + """
                  policies:
                    standard:
                      timeout-ms: 300
                      on-failure: open
                      checks:
                        - { type: pii, mode: redact, kinds: [email, card] }
                        - { type: keywords, keywords: [falcon], on: [prompt] }
                        - { type: azure-text-analysis, service: cs, thresholds: { hate: 2, self-harm: 6 } }
                        - { type: openai-moderation, service: mod, mode: log }
                  default: standard
                  subscriptions: { team-a: [standard] }
                  models: { gpt-4o: standard }
                  audit: { include-raw-text: true, excerpt-chars: 50 }
                """);
        var safety = c.safety();
        assertThat(safety.enabled()).isTrue();
        assertThat(safety.needsWorker()).isTrue();
        SafetyPolicy p = safety.settings().book().policies().get("standard");
        assertThat(p.timeoutMs()).isEqualTo(300);
        assertThat(p.failOpen()).isTrue();
        assertThat(p.checks()).extracting(ch -> ch.type()).containsExactly(CheckType.PII, CheckType.KEYWORDS,
                CheckType.AZURE_TEXT_ANALYSIS, CheckType.OPENAI_MODERATION);
        assertThat(p.checks().get(0).mode()).isEqualTo(CheckMode.REDACT);
        assertThat(p.checks().get(0).onResponse()).isTrue();
        assertThat(p.checks().get(1).onResponse()).isFalse();
        assertThat(p.checks().get(1).mode()).isEqualTo(CheckMode.BLOCK);
        assertThat(p.checks().get(2).external().thresholds()).containsEntry("hate", 2.0).containsEntry("self_harm", 6.0);
        assertThat(safety.settings().book().forRequest("team-b", "gpt-4o-mini")).containsExactly(p);
        assertThat(safety.settings().audit().includeRawText()).isTrue();
        SafetyService cs = safety.services().get("cs");
        assertThat(cs.apiKey().reveal()).isEqualTo("cs-secret-123");
        assertThat(cs.toString()).doesNotContain("cs-secret-123");
        assertThat(cs.apiVersion()).isEqualTo("2024-09-01");
        assertThat(safety.services().get("mod").model()).isEqualTo("omni-moderation-latest");
    }

    @Test
    void mistakesNameTheKey() {
        assertThat(error(SERVICES + """
                  policies: { p: { checks: [ { type: prompt-injection, mode: redact } ] } }
                """).getMessage()).contains("safety.policies.p.checks[0].mode").contains("cannot redact");
        assertThat(error(SERVICES + """
                  policies: { p: { checks: [ { type: azure-text-analysis, service: nope } ] } }
                """).getMessage()).contains("service").contains("'nope'");
        assertThat(error(SERVICES + """
                  policies: { p: { checks: [ { type: openai-moderation, service: cs } ] } }
                """).getMessage()).contains("needs a service of type openai-moderation");
        assertThat(error(SERVICES + """
                  policies: { p: { checks: [ { type: regex, patterns: ["(open"] } ] } }
                """).getMessage()).contains("patterns").contains("'(open'");
        assertThat(error(SERVICES + """
                  policies: { p: { checks: [ { type: pii } ] } }
                  default: [q]
                """).getMessage()).contains("safety.default").contains("'q'");
        assertThat(error(SERVICES + """
                  policies: { p: { checks: [ { type: pii } ] } }
                  models: { no-such-model: p }
                """).getMessage()).contains("no-such-model").contains("not declared");
        assertThat(error(SERVICES + """
                  policies: { p: { on-failure: maybe, checks: [ { type: pii } ] } }
                """).getMessage()).contains("on-failure");
        assertThat(error(SERVICES + """
                  policies: { p: { checks: [ { type: azure-prompt-shield, service: cs, on: [response] } ] } }
                """).getMessage()).contains("prompts only");
        assertThat(error(SERVICES + """
                  policies: { p: { checks: [ { type: azure-text-analysis, service: cs, thresholds: { gore: 2 } } ] } }
                """).getMessage()).contains("unknown category 'gore'");
    }
}
