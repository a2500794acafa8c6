package io.sluice.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.ingress.auth.KeyHash;
import io.sluice.records.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of("OPENAI_KEY", "sk-live-123", "TEAM_KEY",
            "sk-team-a")::get);

    private ConfigException error(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> loader.loadString("sluice.yaml", yaml));
    }

    @Test
    void theDemoHasAnEmbeddedBrokerTheSimulatorThreeModelsAndTheDemoKey() {
        SluiceConfig c = loader.demo();
        assertThat(c.demo()).isTrue();
        assertThat(c.kafka().embeddedBroker()).isTrue();
        assertThat(c.kafka().embedded().port()).isEqualTo(9092);
        assertThat(c.server().host()).isEqualTo("127.0.0.1");
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.simulator().enabled()).isTrue();
        assertThat(c.models()).containsOnlyKeys("gpt-4o-mini", "gpt-4o", "text-embedding-3-small");
        assertThat(c.models().get("text-embedding-3-small").operation()).isEqualTo(Operation.EMBEDDINGS);
        assertThat(c.subscriptions()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("demo");
            assertThat(s.keys().get(0).sha256()).isEqualTo(KeyHash.sha256Hex("sk-sluice-demo"));
        });
        assertThat(c.roles()).containsExactlyInAnyOrder(SluiceConfig.Role.values());
    }

    @Test
    void readsRealBackendsWithSecretsFromTheEnvironment() {
        SluiceConfig c = loader.loadString("sluice.yaml", """
                kafka: { bootstrap-servers: "broker-1:9092,broker-2:9092" }
                backends:
                  - { id: openai, type: openai, base-url: "https://api.openai.com/v1", api-key: "${OPENAI_KEY}" }
                  - { id: azure-eu, type: azure-openai, endpoint: "https://eu.openai.azure.com",
                      deployment: gpt4o, api-version: "2024-10-21", api-key: "${AZURE_KEY:-none}" }
                models:
                  gpt-4o: { backends: [azure-eu, openai] }
                  gpt-4o-mini: openai
                  text-embedding-3-large: { backend: openai }
                subscriptions:
                  - id: team-a
                    keys: [ "${TEAM_KEY}", { key-sha256: "%s", id: legacy } ]
                """.formatted(KeyHash.sha256Hex("old")));
        assertThat(c.kafka().embeddedBroker()).isFalse();
        assertThat(c.kafka().replicationFactor()).isEqualTo((short) 3);
        assertThat(c.simulator().enabled()).isFalse();
        assertThat(c.backends().get(0).apiKey()).isEqualTo("sk-live-123");
        assertThat(c.backends().get(0).toString()).doesNotContain("sk-live-123");
        assertThat(c.backends().get(1).apiKey()).isEqualTo("none");
        assertThat(c.models().get("gpt-4o").backends()).containsExactly("azure-eu", "openai");
        assertThat(c.models().get("gpt-4o-mini").backends()).containsExactly("openai");
        assertThat(c.models().get("text-embedding-3-large").operation()).isEqualTo(Operation.EMBEDDINGS);
        assertThat(c.subscriptions().get(0).keys()).extracting(SluiceConfig.Key::sha256)
                .containsExactly(KeyHash.sha256Hex("sk-team-a"), KeyHash.sha256Hex("old"));
        assertThat(c.demo()).isFalse();
    }

    @Test
    void aMissingEnvironmentVariableIsNamedWithoutLeakingOtherValues() {
        ConfigException e = error("""
                backends: [ { id: o, base-url: "https://x/v1", api-key: "${NOT_SET}" } ]
                models: { m: o }
                """);
        assertThat(e.getMessage()).isEqualTo("sluice.yaml: backends[0].api-key: refers to environment variable "
                + "NOT_SET, which is not set. Export it, or write ${NOT_SET:-default}.");
    }

    @Test
    void namesFileKeyAndFixForEachMistake() {
        assertThat(error("server: { port: 70000 }").getMessage())
                .isEqualTo("sluice.yaml: server.port: must be between 0 and 65535 (got 70000)");
        assertThat(error("servr: { port: 1 }").getMessage())
                .startsWith("sluice.yaml: servr: unknown key. Known keys here: admin, backends, batch, cache, egress");
        assertThat(error("backends: [ { id: a, type: openai, base-url: 'ftp://x' } ]\nmodels: { m: a }").getMessage())
                .contains("backends[0].base-url: must be an http or https URL (got 'ftp://x')")
                .contains("https://api.openai.com/v1");
        assertThat(error("backends: [ { id: a, type: azure-openai, endpoint: 'https://x' } ]\nmodels: { m: a }")
                .getMessage()).contains("backends[0].deployment: is required");
        assertThat(error("backends: [ { id: a, type: bedrock } ]").getMessage())
                .contains("backends[0].type: unknown backend type 'bedrock'");
        assertThat(error("backends: [ { id: a, base-url: 'http://x/v1' } ]\nmodels: { m: b }").getMessage())
                .contains("models.m: names backend 'b', which is not declared. Declared backends: a");
        assertThat(error("backends: [ { id: a, base-url: 'http://x/v1' } ]").getMessage())
                .contains("models: is required when backends are declared");
        assertThat(error("roles: [ ingress, router ]").getMessage())
                .contains("roles: unknown role 'router'");
        assertThat(error("subscriptions: [ { id: a, keys: [ k1 ] }, { id: b, keys: [ k1 ] } ]").getMessage())
                .contains("subscriptions[1].keys[0]").contains("already given");
        assertThat(error("server: { default-timeout-ms: 5000, max-timeout-ms: 1000 }").getMessage())
                .contains("server.max-timeout-ms: must be at least default-timeout-ms");
        assertThat(error("kafka: { bootstrap-servers: '' }").getMessage())
                .contains("kafka.bootstrap-servers: is empty");
    }

    @Test
    void aFileThatIsMissingOrNotYamlIsNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThat(catchThrowableOfType(ConfigException.class, () -> loader.load(missing)).getMessage())
                .isEqualTo(missing + ": no such file. Pass an existing YAML file to --config.");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "server: [unclosed");
        assertThat(catchThrowableOfType(ConfigException.class, () -> loader.load(bad)).getMessage())
                .startsWith(bad + ": is not valid YAML");
    }

    @Test
    void theSimulatorCanServeAsANamedBackend() {
        SluiceConfig c = loader.loadString("sluice.yaml", """
                simulator: { enabled: true, latency-ms: 20 }
                backends: [ { id: sim, type: simulator } ]
                models: { gpt-4o-mini: sim }
                """);
        assertThat(c.simulator().latencyMs()).isEqualTo(20);
        assertThat(c.backends()).extracting(SluiceConfig.Backend::type).isEqualTo(List.of("simulator"));
        assertThat(error("backends: [ { id: sim, type: simulator } ]\nmodels: { m: sim }").getMessage())
                .contains("simulator.enabled: is false");
    }
}
