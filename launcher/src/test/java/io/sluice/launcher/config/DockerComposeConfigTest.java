package io.sluice.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker-compose.yml cannot run here (no Docker engine); at least its gateway config must be valid. */
class DockerComposeConfigTest {

    @Test
    void theComposeFilesGatewayConfigIsValid() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "docker-compose.yml").toFile());
        assertThat(compose.path("services").path("kafka").path("image").asText()).startsWith("apache/kafka:");
        assertThat(compose.path("services").path("sluice").path("command").toString()).contains("/config/sluice.yaml");
        // Compose turns $$ into $, leaving ${VAR} for Sluice to resolve from its environment.
        String content = compose.path("configs").path("sluice").path("content").asText().replace("$$", "$");
        SluiceConfig c = new ConfigLoader(Map.of("SLUICE_KEY", "sk-compose")::get).loadString("docker-compose.yml",
                content);
        assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(c.server().host()).isEqualTo("0.0.0.0");
        assertThat(c.models()).containsKeys("gpt-4o-mini", "gpt-4o", "text-embedding-3-small");
    }
}
