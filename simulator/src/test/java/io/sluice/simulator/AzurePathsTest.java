package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AzurePathsTest {

    private static final String MESSAGES = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

    private static BackendSimulator simulator;
    private static SimHttp http;

    @BeforeAll
    static void start() {
        simulator = BackendSimulator.start(SimulatorConfig.defaults());
        http = new SimHttp(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void servesChatOnTheDeploymentPathWithTheDeploymentAsModel() {
        HttpResponse<String> response = http.post(
                "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", MESSAGES);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = SimHttp.json(response);
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(8);
        assertThat(simulator.requests().last().path())
                .isEqualTo("/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21");
    }

    @Test
    void streamsOnTheDeploymentPath() {
        HttpResponse<String> response = http.post(
                "/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21",
                "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");

        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
    }

    @Test
    void servesEmbeddingsOnTheDeploymentPath() {
        HttpResponse<String> response = http.post(
                "/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21",
                "{\"input\":\"hello\",\"dimensions\":8}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SimHttp.json(response).at("/data/0/embedding")).hasSize(8);
    }

    @Test
    void requiresTheApiVersionQueryParameter() {
        HttpResponse<String> response = http.post("/openai/deployments/gpt-4o/chat/completions", MESSAGES);

        ChatCompletionsTest.assertError(response, 404, "invalid_request_error", "resource_not_found");
        assertThat(SimHttp.json(response).at("/error/message").asText()).contains("api-version");
    }

    @Test
    void rejectsAnUnknownDeployment() {
        HttpResponse<String> response = http.post(
                "/openai/deployments/nope/chat/completions?api-version=2024-10-21", MESSAGES);

        ChatCompletionsTest.assertError(response, 404, "invalid_request_error", "model_not_found");
    }
}
