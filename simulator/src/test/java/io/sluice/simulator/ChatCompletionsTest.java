package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChatCompletionsTest {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final Encoding O200K = REGISTRY.getEncoding(EncodingType.O200K_BASE);
    private static final Encoding CL100K = REGISTRY.getEncoding(EncodingType.CL100K_BASE);

    @RegisterExtension
    static final SimulatorExtension sim = new SimulatorExtension(SimulatorConfig.defaults()
            .withModels(List.of("gpt-4o-mini", "gpt-4o", "gpt-4", "text-embedding-3-small")));

    @Test
    void answersInTheExactOpenAiShape() {
        HttpResponse<String> response = sim.http().post("/v1/chat/completions",
                SimHttp.chat("gpt-4o-mini", "Hi there"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = SimHttp.json(response);
        assertThat(fieldNames(body)).containsExactly(
                "id", "object", "created", "model", "system_fingerprint", "choices", "usage");
        assertThat(body.get("id").asText()).startsWith("chatcmpl-");
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("created").asLong()).isBetween(
                System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 60);
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("system_fingerprint").asText()).isEqualTo("fp_sluice_sim");
        assertThat(body.get("choices")).hasSize(1);
        JsonNode choice = body.get("choices").get(0);
        assertThat(fieldNames(choice)).containsExactly("index", "message", "logprobs", "finish_reason");
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.get("logprobs").isNull()).isTrue();
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        JsonNode message = choice.get("message");
        assertThat(fieldNames(message)).containsExactly("role", "content", "refusal");
        assertThat(message.get("role").asText()).isEqualTo("assistant");
        assertThat(message.get("content").asText()).isNotBlank();
        assertThat(message.get("refusal").isNull()).isTrue();
        assertThat(fieldNames(body.get("usage"))).containsExactly("prompt_tokens", "completion_tokens", "total_tokens");
    }

    @Test
    void usageIsTheRealTokenCountOfWhatWasSentAndReturned() {
        String request = "{\"model\":\"gpt-4o\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are a terse assistant.\"},"
                + "{\"role\":\"user\",\"name\":\"ada\",\"content\":\"Describe a river in one sentence, please.\"}]}";

        JsonNode body = SimHttp.json(sim.http().post("/v1/chat/completions", request));

        String content = body.at("/choices/0/message/content").asText();
        int expectedPrompt = 3 + O200K.countTokens("system") + O200K.countTokens("You are a terse assistant.")
                + 3 + O200K.countTokens("user") + O200K.countTokens("Describe a river in one sentence, please.")
                + O200K.countTokens("ada") + 1
                + 3;
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(O200K.countTokens(content)).isEqualTo(24);
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(expectedPrompt);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(expectedPrompt + 24);
    }

    @Test
    void countsWithCl100kForOlderModels() {
        JsonNode body = SimHttp.json(sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4", "Hello")));

        String content = body.at("/choices/0/message/content").asText();
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(8);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(CL100K.countTokens(content));
    }

    @Test
    void sameMessagesGiveTheSameAnswerAndOthersDiffer() {
        String first = content(sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4o-mini", "Tell me a story")));
        String again = content(sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4o-mini", "Tell me a story")));
        String other = content(sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4o-mini", "Tell me a joke")));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).matches("[A-Z][a-z]*( [A-Za-z]+|\\.)*");
    }

    @Test
    void capsAtMaxTokensWithFinishReasonLength() {
        String capped = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}";
        JsonNode body = SimHttp.json(sim.http().post("/v1/chat/completions", capped));
        String full = content(sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4o-mini", "Tell me a story")));

        String content = body.at("/choices/0/message/content").asText();
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(5).isEqualTo(O200K.countTokens(content));
        assertThat(full).startsWith(content);
    }

    @Test
    void capsAtMaxCompletionTokensToo() {
        String capped = "{\"model\":\"gpt-4o-mini\",\"max_completion_tokens\":3,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        JsonNode body = SimHttp.json(sim.http().post("/v1/chat/completions", capped));

        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void stopsNaturallyWhenMaxTokensIsAboveTheAnswerLength() {
        String roomy = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":500,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        JsonNode body = SimHttp.json(sim.http().post("/v1/chat/completions", roomy));

        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(24);
        assertThat(body.at("/choices/0/message/content").asText()).endsWith(".");
    }

    @Test
    void answerLengthFollowsTheCompletionTokensControl() {
        sim.simulator().controls().setCompletionTokens(7);

        JsonNode body = SimHttp.json(sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4o-mini", "Hi")));

        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(7);
        assertThat(O200K.countTokens(body.at("/choices/0/message/content").asText())).isEqualTo(7);
    }

    @Test
    void countsOnlyTheTextPartsOfArrayContent() {
        String request = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"What is in this picture?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}}]}]}";

        JsonNode body = SimHttp.json(sim.http().post("/v1/chat/completions", request));

        assertThat(body.at("/usage/prompt_tokens").asInt())
                .isEqualTo(3 + 1 + O200K.countTokens("What is in this picture?") + 3);
    }

    @Test
    void rejectsABodyThatIsNotJson() {
        HttpResponse<String> response = sim.http().post("/v1/chat/completions", "{\"model\": ");

        assertError(response, 400, "invalid_request_error", "invalid_json");
    }

    @Test
    void rejectsAJsonArrayBody() {
        assertError(sim.http().post("/v1/chat/completions", "[1,2]"), 400, "invalid_request_error", "invalid_json");
    }

    @Test
    void rejectsAnUnknownModelWithModelNotFound() {
        HttpResponse<String> response = sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-99", "Hi"));

        assertError(response, 404, "invalid_request_error", "model_not_found");
        assertThat(SimHttp.json(response).at("/error/message").asText()).contains("gpt-99");
    }

    @Test
    void rejectsAMissingModel() {
        HttpResponse<String> response = sim.http().post("/v1/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertError(response, 400, "invalid_request_error", "missing_required_parameter");
        assertThat(SimHttp.json(response).at("/error/param").asText()).isEqualTo("model");
    }

    @Test
    void rejectsMissingOrEmptyMessagesNamingThem() {
        HttpResponse<String> missing = sim.http().post("/v1/chat/completions", "{\"model\":\"gpt-4o\"}");
        HttpResponse<String> empty = sim.http().post("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":[]}");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(missing).at("/error/param").asText()).isEqualTo("messages");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(empty).at("/error/param").asText()).isEqualTo("messages");
        assertThat(SimHttp.json(empty).at("/error/message").asText()).contains("messages");
    }

    @Test
    void delaysTheAnswerByTheLatencyHeader() {
        long start = System.nanoTime();
        HttpResponse<String> response = sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4o-mini", "Hi"),
                "x-sim-latency-ms", "150");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    }

    @Test
    void delaysTheAnswerByTheLatencyControl() {
        sim.simulator().controls().setLatencyMs(120);

        long start = System.nanoTime();
        HttpResponse<String> response = sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4o-mini", "Hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(120);
    }

    @Test
    void rejectsANegativeLatencyHeader() {
        HttpResponse<String> response = sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4o-mini", "Hi"),
                "x-sim-latency-ms", "-5");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(response).at("/error/param").asText()).isEqualTo("x-sim-latency-ms");
    }

    static void assertError(HttpResponse<String> response, int status, String type, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = SimHttp.json(response);
        assertThat(fieldNames(body)).containsExactly("error");
        assertThat(fieldNames(body.get("error"))).containsExactly("message", "type", "param", "code");
        assertThat(body.at("/error/type").asText()).isEqualTo(type);
        assertThat(body.at("/error/code").asText()).isEqualTo(code);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String content(HttpResponse<String> response) {
        return SimHttp.json(response).at("/choices/0/message/content").asText();
    }
}
