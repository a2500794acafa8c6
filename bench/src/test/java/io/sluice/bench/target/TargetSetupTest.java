package io.sluice.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.bench.config.PortkeySettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TargetSetupTest {

    @Test
    void sluiceConfigUsesAnEmbeddedBrokerTheBackendAndTheBenchKey() {
        String yaml = SluiceConfigFile.render(Path.of("/tmp/w"), new SluiceConfigFile.Ports(18080, 19092, 19093),
                "http://127.0.0.1:5555/v1", "sk-bench-key", "gpt-4o-mini", 6);
        assertThat(yaml).contains("embedded: { port: 19092, controller-port: 19093, data-dir: \"/tmp/w/kafka\" }",
                "partitions: 6", "server: { host: 127.0.0.1, port: 18080, max-in-flight: 20000 }",
                "state-dir: \"/tmp/w/streams\"", "simulator: { enabled: false }",
                "base-url: \"http://127.0.0.1:5555/v1\"", "\"gpt-4o-mini\": { backend: bench-backend }",
                "keys: [ \"sk-bench-key\" ]");
        assertThat(yaml).doesNotContain("bootstrap-servers");
    }

    @Test
    void yamlQuotingEscapesQuotesAndBackslashes() {
        assertThat(SluiceConfigFile.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void portkeyIsInstalledAtTheGivenVersionWithTheServerPinned() throws Exception {
        PortkeySettings settings = new PortkeySettings("1.15.2", "1.13.8", "node", "npm");
        JsonNode pkg = new ObjectMapper().readTree(PortkeyInstall.packageJson(settings));
        assertThat(pkg.path("dependencies").path("@portkey-ai/gateway").asText()).isEqualTo("1.15.2");
        assertThat(pkg.path("overrides").path("@hono/node-server").asText()).isEqualTo("1.13.8");
        assertThat(PortkeyInstall.folder(settings).getFileName().toString())
                .isEqualTo("sluice-bench-portkey-1.15.2-hono-1.13.8");

        JsonNode unpinned = new ObjectMapper().readTree(PortkeyInstall.packageJson(
                new PortkeySettings("1.15.2", "", "node", "npm")));
        assertThat(unpinned.has("overrides")).isFalse();
    }

    @Test
    void portkeyIsToldToForwardToTheBackend() {
        assertThat(PortkeyGateway.routingHeaders("http://127.0.0.1:5555/v1", "sk-b"))
                .containsEntry("x-portkey-provider", "openai")
                .containsEntry("x-portkey-custom-host", "http://127.0.0.1:5555/v1")
                .containsEntry("Authorization", "Bearer sk-b");
    }
}
