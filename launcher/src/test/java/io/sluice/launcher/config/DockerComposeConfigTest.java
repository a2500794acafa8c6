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
        SluiceConfig c = new ConfigLoader(Map.of("SLUICE_KEY", "sk-compose", "SLUICE_ADMIN_KEY", "sk-compose-admin")::get)
                .loadString("docker-compose.yml", content);
        assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(c.server().host()).isEqualTo("0.0.0.0");
        assertThat(c.models()).containsKeys("gpt-4o-mini", "gpt-4o", "text-embedding-3-small");
        assertThat(c.admin().keySha256()).hasSize(1);
    }

    @Test
    void prometheusScrapesTheGatewayAndGrafanaGetsItsDashboardFromFilesThatExist() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode services = yaml.readTree(Path.of("..", "docker-compose.yml").toFile()).path("services");
        for (String service : new String[] {"prometheus", "grafana"}) {
            for (JsonNode volume : services.path(service).path("volumes")) {
                Path local = Path.of("..", volume.asText().split(":")[0]);
                assertThat(local).as("%s mounts %s", service, local).exists();
            }
        }
        JsonNode scrape = yaml.readTree(Path.of("docker", "prometheus.yml").toFile())
                .path("scrape_configs").get(0);
        assertThat(scrape.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(scrape.path("static_configs").get(0).path("targets").get(0).asText()).isEqualTo("sluice:8080");
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("docker", "grafana",
                "dashboards", "sluice.json").toFile());
        assertThat(dashboard.path("panels").size()).isGreaterThan(10);
    }
}
