package io.sluice.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.egress.backend.BackendPolicy;
import io.sluice.records.PoolMember;
import io.sluice.records.RoutingStrategy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingConfigTest {

    private static final String BACKENDS = """
            backends:
              - { id: azure-eu, type: azure-openai, endpoint: "https://eu.openai.azure.com", deployment: gpt4o,
                  api-version: "2024-10-21" }
              - { id: azure-us, type: azure-openai, endpoint: "https://us.openai.azure.com", deployment: gpt4o,
                  api-version: "2024-10-21" }
              - { id: openai, base-url: "https://api.openai.com/v1" }
            """;

    private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

    private SluiceConfig load(String yaml) {
        return loader.loadString("sluice.yaml", yaml);
    }

    private ConfigException error(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> load(yaml));
    }

    @Test
    void aModelMapsToAPoolSpanningProvidersWithWeightsPrioritiesAndAStrategy() {
        SluiceConfig c = load(BACKENDS + """
                models:
                  gpt-4o:
                    strategy: weighted
                    members:
                      - { backend: azure-eu, weight: 3 }
                      - { backend: openai, weight: 1 }
                      - { backend: azure-us, priority: 2 }
                """);
        SluiceConfig.Model m = c.models().get("gpt-4o");
        assertThat(m.strategy()).isEqualTo(RoutingStrategy.WEIGHTED);
        assertThat(m.members()).containsExactly(new PoolMember("azure-eu", 3, 1), new PoolMember("openai", 1, 1),
                new PoolMember("azure-us", 1, 2));
        assertThat(m.backends()).containsExactly("azure-eu", "openai", "azure-us");
    }

    @Test
    void theShortFormsStillWork() {
        SluiceConfig c = load(BACKENDS + """
                models:
                  a: openai
                  b: { backend: azure-eu }
                  c: { backends: [azure-eu, openai] }
                  d: { backends: [azure-eu, openai], strategy: least-busy }
                  e: { members: [azure-eu, openai] }
                """);
        assertThat(c.models().get("a").strategy()).isEqualTo(RoutingStrategy.FAILOVER);
        assertThat(c.models().get("a").backends()).containsExactly("openai");
        assertThat(c.models().get("b").backends()).containsExactly("azure-eu");
        assertThat(c.models().get("c").strategy()).isEqualTo(RoutingStrategy.FAILOVER);
        assertThat(c.models().get("c").backends()).containsExactly("azure-eu", "openai");
        assertThat(c.models().get("d").strategy()).isEqualTo(RoutingStrategy.LEAST_BUSY);
        assertThat(c.models().get("e").strategy()).isEqualTo(RoutingStrategy.WEIGHTED);
    }

    @Test
    void breakersCapacityHealthChecksAndRetriesAreReadWithDefaults() {
        SluiceConfig c = load("""
                backends:
                  - { id: azure-eu, type: azure-openai, endpoint: "https://eu.openai.azure.com", deployment: gpt4o,
                      api-version: "2024-10-21" }
                  - id: openai
                    base-url: "https://api.openai.com/v1"
                    breaker: { consecutive-failures: 3, open-ms: 10000, failure-statuses: [429, "500-503"] }
                    capacity: { requests-per-minute: 600, tokens-per-minute: 150000 }
                    health-check: { interval-ms: 5000 }
                    first-byte-timeout-ms: 20000
                models: { gpt-4o: openai }
                routing:
                  max-attempts: 4
                  retry-backoff-ms: 25
                  breaker: { half-open-probes: 2 }
                """);
        assertThat(c.routing().retry().maxAttempts()).isEqualTo(4);
        assertThat(c.routing().retry().backoffMs()).isEqualTo(25);
        BackendPolicy openai = c.routing().policies().get("openai");
        assertThat(openai.breaker().consecutiveFailures()).isEqualTo(3);
        assertThat(openai.breaker().openMs()).isEqualTo(10_000);
        assertThat(openai.breaker().halfOpenProbes()).isEqualTo(2);
        assertThat(openai.breaker().failureStatuses()).containsExactlyInAnyOrder(429, 500, 501, 502, 503);
        assertThat(openai.capacity().requestsPerMinute()).isEqualTo(600);
        assertThat(openai.capacity().tokensPerMinute()).isEqualTo(150_000);
        assertThat(openai.healthCheck().intervalMs()).isEqualTo(5_000);
        assertThat(openai.healthCheck().path()).isEqualTo("/models");
        assertThat(openai.firstByteTimeoutMs()).isEqualTo(20_000);

        BackendPolicy eu = c.routing().policies().get("azure-eu");
        assertThat(eu.breaker().consecutiveFailures()).isEqualTo(5);
        assertThat(eu.breaker().halfOpenProbes()).isEqualTo(2);
        assertThat(eu.capacity().limited()).isFalse();
        assertThat(eu.healthCheck()).isNull();
    }

    @Test
    void mistakesNameTheKeyAndTheFix() {
        assertThat(error(BACKENDS + "models: { gpt-4o: { members: [azure-eu], strategy: random } }").getMessage())
                .contains("models.gpt-4o.strategy").contains("round-robin, weighted");
        assertThat(error(BACKENDS + "models: { gpt-4o: { members: [{ backend: nope }] } }").getMessage())
                .contains("models.gpt-4o.members[0].backend").contains("'nope'").contains("Declared backends");
        assertThat(error(BACKENDS + "models: { gpt-4o: { members: [openai, openai] } }").getMessage())
                .contains("twice");
        assertThat(error(BACKENDS + "models: { gpt-4o: { backend: openai, members: [openai] } }").getMessage())
                .contains("not several");
        assertThat(error(BACKENDS + "models: { gpt-4o: { strategy: failover, members: [{ backend: openai, "
                + "priority: 2 }] } }").getMessage()).contains("priority").contains("order listed");
        assertThat(error(BACKENDS + "models: { gpt-4o: { members: [{ backend: openai, weight: 0 }] } }")
                .getMessage()).contains("weight").contains("between 1 and 1000");
        assertThat(error(BACKENDS + "models: { gpt-4o: openai }\nrouting: { breaker: { failure-statuses: [200] } }")
                .getMessage()).contains("routing.breaker.failure-statuses").contains("'200'");
        assertThat(error(BACKENDS + "models: { gpt-4o: openai }\nrouting: { max-attempts: 0 }").getMessage())
                .contains("routing.max-attempts");
        assertThat(error(BACKENDS.replace("base-url: \"https://api.openai.com/v1\"",
                "base-url: \"https://api.openai.com/v1\", capacity: { rpm: 5 }") + "models: { gpt-4o: openai }")
                .getMessage()).contains("backends[2].capacity.rpm").contains("requests-per-minute");
    }
}
