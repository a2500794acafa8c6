package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AzurePathsTest {

    private static final String MESSAGES = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

    @RegisterExtension
    static final SimulatorExtension sim = new SimulatorExtension();

    @Test
    void servesChatOnTheDeploymentPathWithTheDeploymentAsModel() {
        HttpResponse<String> response = sim.http().post(
                "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", MESSAGES);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = SimHttp.json(response);
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(8);
        assertThat(sim.simulator().requests().last().path())
                .isEqualTo("/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21");
    }

    @Test
    void streamsOnTheDeploymentPath() {
        HttpResponse<String> response = sim.http().post(
                "/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21",
                "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");

        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
    }

    @Test
    void servesEmbeddingsOnTheDeploymentPath() {
        HttpResponse<String> response = sim.http().post(
                "/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21",
                "{\"input\":\"hello\",\"dimensions\":8}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SimHttp.json(response).at("/data/0/embedding")).hasSize(8);
    }

    @Test
    void requiresTheApiVersionQueryParameter() {
        HttpResponse<String> response = sim.http().post("/openai/deployments/gpt-4o/chat/completions", MESSAGES);

        ChatCompletionsTest.assertError(response, 404, "invalid_request_error", "resource_not_found");
        assertThat(SimHttp.json(response).at("/error/message").asText()).contains("api-version");
    }

    @Test
    void rejectsAnUnknownDeployment() {
        HttpResponse<String> response = sim.http().post(
                "/openai/deployments/nope/chat/completions?api-version=2024-10-21", MESSAGES);

        ChatCompletionsTest.assertError(response, 404, "invalid_request_error", "model_not_found");
    }
}
