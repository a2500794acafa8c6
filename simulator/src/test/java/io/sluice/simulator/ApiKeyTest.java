package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiKeyTest {

    private static final String KEY = "sk-sim-secret";
    private static final String AZURE_CHAT = "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";

    @RegisterExtension
    static final SimulatorExtension sim = new SimulatorExtension(SimulatorConfig.defaults().withApiKey(KEY));

    @Test
    void acceptsTheBearerKeyOnOpenAiPaths() {
        HttpResponse<String> response = sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4o", "Hi"),
                "Authorization", "Bearer " + KEY);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsAMissingOrWrongBearerKey() {
        HttpResponse<String> missing = sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4o", "Hi"));
        HttpResponse<String> wrong = sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4o", "Hi"),
                "Authorization", "Bearer sk-other");
        HttpResponse<String> models = sim.http().get("/v1/models");

        ChatCompletionsTest.assertError(missing, 401, "invalid_request_error", "invalid_api_key");
        ChatCompletionsTest.assertError(wrong, 401, "invalid_request_error", "invalid_api_key");
        ChatCompletionsTest.assertError(models, 401, "invalid_request_error", "invalid_api_key");
        assertThat(wrong.body()).doesNotContain("sk-other").doesNotContain(KEY);
    }

    @Test
    void acceptsOnlyTheApiKeyHeaderOnAzurePaths() {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        HttpResponse<String> withApiKey = sim.http().post(AZURE_CHAT, body, "api-key", KEY);
        HttpResponse<String> withBearer = sim.http().post(AZURE_CHAT, body, "Authorization", "Bearer " + KEY);

        assertThat(withApiKey.statusCode()).isEqualTo(200);
        ChatCompletionsTest.assertError(withBearer, 401, "invalid_request_error", "invalid_api_key");
        assertThat(sim.simulator().requests().last().header("authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void leavesTheControlApiOpen() {
        assertThat(sim.http().get("/_sim/stats").statusCode()).isEqualTo(200);
    }
}
