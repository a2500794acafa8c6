package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {

    @Test
    void defaultsMatchTheDocumentedValues() {
        SimulatorConfig config = SimulatorConfig.defaults();

        assertThat(config).isEqualTo(new SimulatorConfig("127.0.0.1", 0,
                List.of("gpt-4o-mini", "gpt-4o", "text-embedding-3-small"), 0, 0, 24, 1536, null, 1));
    }

    @Test
    void withersChangeOnlyTheirField() {
        SimulatorConfig config = SimulatorConfig.defaults().withPort(8090).withLatencyMs(5).withTokensPerSecond(50)
                .withCompletionTokens(3).withApiKey("k").withModels(List.of("m")).withInstances(2)
                .withHost("0.0.0.0").withEmbeddingDimensions(8);

        assertThat(config).isEqualTo(new SimulatorConfig("0.0.0.0", 8090, List.of("m"), 5, 50, 3, 8, "k", 2));
    }

    @Test
    void rejectsInvalidValuesNamingTheField() {
        SimulatorConfig defaults = SimulatorConfig.defaults();

        assertThatThrownBy(() -> defaults.withPort(70000)).hasMessageContaining("port").hasMessageContaining("0..65535");
        assertThatThrownBy(() -> defaults.withLatencyMs(-1)).hasMessageContaining("latencyMs");
        assertThatThrownBy(() -> defaults.withTokensPerSecond(-0.5)).hasMessageContaining("tokensPerSecond");
        assertThatThrownBy(() -> defaults.withTokensPerSecond(Double.NaN)).hasMessageContaining("tokensPerSecond");
        assertThatThrownBy(() -> defaults.withCompletionTokens(0)).hasMessageContaining("completionTokens");
        assertThatThrownBy(() -> defaults.withEmbeddingDimensions(0)).hasMessageContaining("embeddingDimensions");
        assertThatThrownBy(() -> defaults.withInstances(0)).hasMessageContaining("instances");
        assertThatThrownBy(() -> defaults.withModels(List.of())).hasMessageContaining("models");
        assertThatThrownBy(() -> defaults.withApiKey(" ")).hasMessageContaining("apiKey");
        assertThatThrownBy(() -> defaults.withHost("")).hasMessageContaining("host");
        assertThatThrownBy(() -> defaults.withPort(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
