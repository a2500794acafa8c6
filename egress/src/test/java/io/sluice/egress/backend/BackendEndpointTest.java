package io.sluice.egress.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.records.Json;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendEndpointTest {

    @Test
    void buildsOpenAiAndAzureUrlsAndAuthHeaders() {
        BackendEndpoint openai = BackendEndpoint.openAi("o", "https://api.openai.com/v1/", Secret.of("sk-x"));
        assertThat(openai.url(Operation.CHAT)).isEqualTo("https://api.openai.com/v1/chat/completions");
        assertThat(openai.url(Operation.EMBEDDINGS)).isEqualTo("https://api.openai.com/v1/embeddings");
        assertThat(openai.authHeaderName()).isEqualTo("Authorization");
        assertThat(openai.authHeaderValue()).isEqualTo("Bearer sk-x");

        BackendEndpoint azure = BackendEndpoint.azure("a", "https://r.openai.azure.com", "gpt4o", "2024-10-21",
                Secret.of("az"));
        assertThat(azure.url(Operation.CHAT))
                .isEqualTo("https://r.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21");
        assertThat(azure.authHeaderName()).isEqualTo("api-key");
        assertThat(azure.authHeaderValue()).isEqualTo("az");
    }

    @Test
    void secretsNeverPrintThemselves() {
        BackendEndpoint openai = BackendEndpoint.openAi("o", "https://api.openai.com/v1", Secret.of("sk-topsecret"));
        assertThat(openai.toString()).doesNotContain("sk-topsecret");
        assertThat(Secret.of("")).isNull();
    }

    private static PromptRecord prompt(boolean stream, boolean includeUsage, String body) {
        return new PromptRecord("r", "s", "k", "gpt-4o", Operation.CHAT, stream, includeUsage, 0, "t", Map.of(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void leavesTheClientsBytesAloneWhenNothingNeedsChanging() {
        PromptRecord p = prompt(false, false, "{\"model\":\"gpt-4o\",  \"messages\":[]}");
        assertThat(BodyRewriter.forBackend(p, BackendEndpoint.openAi("o", "http://h/v1", null))).isSameAs(p.body());
    }

    @Test
    void asksForTheUsageChunkOnStreamsAndRenamesTheModelForItsBackend() throws Exception {
        PromptRecord p = prompt(true, false, "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[]}");
        BackendEndpoint renamed = new BackendEndpoint("o", BackendKind.OPENAI, java.net.URI.create("http://h/v1"),
                null, null, null, "gpt-4o-2024-08-06", 1000);
        JsonNode out = Json.MAPPER.readTree(BodyRewriter.forBackend(p, renamed));
        assertThat(out.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(out.path("model").asText()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(out.path("stream").asBoolean()).isTrue();
    }
}
