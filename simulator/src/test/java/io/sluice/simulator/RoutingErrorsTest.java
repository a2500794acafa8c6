package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RoutingErrorsTest {

    @RegisterExtension
    static final SimulatorExtension sim = new SimulatorExtension();

    @Test
    void listsTheConfiguredModels() {
        HttpResponse<String> response = sim.http().get("/v1/models");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = SimHttp.json(response);
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("data")).extracting(m -> m.get("id").asText())
                .containsExactly("gpt-4o-mini", "gpt-4o", "text-embedding-3-small");
        JsonNode first = body.at("/data/0");
        assertThat(ChatCompletionsTest.fieldNames(first)).containsExactly("id", "object", "created", "owned_by");
        assertThat(first.get("object").asText()).isEqualTo("model");
        assertThat(first.get("owned_by").asText()).isEqualTo("sluice-simulator");
        assertThat(first.get("created").asLong()).isEqualTo(1_704_067_200L);
    }

    @Test
    void returnsOneModelOr404() {
        JsonNode model = SimHttp.json(sim.http().get("/v1/models/gpt-4o"));
        HttpResponse<String> unknown = sim.http().get("/v1/models/gpt-99");

        assertThat(model.get("id").asText()).isEqualTo("gpt-4o");
        ChatCompletionsTest.assertError(unknown, 404, "invalid_request_error", "model_not_found");
    }

    @Test
    void answersUnknownPathsWithAnOpenAi404() {
        ChatCompletionsTest.assertError(sim.http().get("/v1/nothing-here"), 404, "invalid_request_error",
                "unknown_url");
        ChatCompletionsTest.assertError(sim.http().post("/elsewhere", "{}"), 404, "invalid_request_error",
                "unknown_url");
    }

    @Test
    void answersWrongMethodsWithAnOpenAi405() {
        ChatCompletionsTest.assertError(sim.http().get("/v1/chat/completions"), 405, "invalid_request_error",
                "method_not_allowed");
        ChatCompletionsTest.assertError(sim.http().send("DELETE", "/v1/models", null, SimHttp.BOUND), 405,
                "invalid_request_error", "method_not_allowed");
    }
}
