package io.sluice.safety.screen;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.records.Json;
import io.sluice.records.safety.AuditEvent.Category;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentFilterErrorTest {

    @Test
    void theBodyIsAzureOpenAisContentFilterErrorWithWhatTripped() throws Exception {
        byte[] body = ContentFilterError.body(List.of(
                new Category("hate", "high", 6.0, "p/azure", "blocked", null),
                new Category("violence", "safe", 0.0, "p/azure", "passed", null),
                new Category("pii", null, null, "p/pii", "blocked", List.of("card", "email")),
                new Category("custom_blocklists", null, null, "p/keywords", "blocked", null)));
        var err = Json.MAPPER.readTree(body).path("error");
        assertThat(err.path("code").asText()).isEqualTo("content_filter");
        assertThat(err.path("param").asText()).isEqualTo("prompt");
        assertThat(err.path("status").asInt()).isEqualTo(400);
        assertThat(err.path("message").asText()).contains("hate (high)", "pii", "custom_blocklists")
                .doesNotContain("violence");
        var result = err.path("innererror").path("content_filter_result");
        assertThat(err.path("innererror").path("code").asText()).isEqualTo("ResponsibleAIPolicyViolation");
        assertThat(result.path("hate").path("filtered").asBoolean()).isTrue();
        assertThat(result.path("hate").path("severity").asText()).isEqualTo("high");
        assertThat(result.path("violence").path("filtered").asBoolean()).isFalse();
        assertThat(result.path("violence").path("severity").asText()).isEqualTo("safe");
        assertThat(result.path("pii").path("types").toString()).isEqualTo("[\"card\",\"email\"]");
        assertThat(result.path("custom_blocklists").path("details").get(0).path("id").asText()).isEqualTo("p/keywords");
    }
}
