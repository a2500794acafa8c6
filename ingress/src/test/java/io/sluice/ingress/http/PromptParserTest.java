package io.sluice.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.records.ApiError;
import io.sluice.records.Operation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PromptParserTest {

    private static ParsedPrompt parse(String body, Operation op, String deployment) {
        return PromptParser.parse(body.getBytes(StandardCharsets.UTF_8), op, deployment);
    }

    private static ApiError error(String body, Operation op) {
        return catchThrowableOfType(ApiException.class, () -> parse(body, op, null)).error();
    }

    @Test
    void readsModelStreamUsageOptionAndEndUser() {
        ParsedPrompt p = parse("{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"user\":\"u-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Operation.CHAT, null);
        assertThat(p).isEqualTo(new ParsedPrompt("gpt-4o", true, true, "u-1"));
    }

    @Test
    void takesTheModelFromTheAzureDeployment() {
        ParsedPrompt p = parse("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Operation.CHAT, "prod-4o");
        assertThat(p.model()).isEqualTo("prod-4o");
    }

    @Test
    void namesTheFieldThatIsMissingOrWrong() {
        ApiError noModel = error("{\"messages\":[{\"role\":\"user\"}]}", Operation.CHAT);
        assertThat(noModel.status()).isEqualTo(400);
        assertThat(noModel.param()).isEqualTo("model");
        assertThat(noModel.message()).contains("'model'");

        assertThat(error("{\"model\":\"m\"}", Operation.CHAT).param()).isEqualTo("messages");
        assertThat(error("{\"model\":\"m\",\"messages\":[]}", Operation.CHAT).param()).isEqualTo("messages");
        assertThat(error("{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}", Operation.CHAT).param())
                .isEqualTo("messages[0]");
        assertThat(error("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}],\"stream\":\"yes\"}", Operation.CHAT)
                .param()).isEqualTo("stream");
        assertThat(error("{\"model\":\"m\"}", Operation.EMBEDDINGS).param()).isEqualTo("input");
        assertThat(error("{\"model\":7,\"input\":\"x\"}", Operation.EMBEDDINGS).param()).isEqualTo("model");
    }

    @Test
    void saysWhereTheJsonIsBroken() {
        ApiError e = error("{\"model\": \"m\",", Operation.CHAT);
        assertThat(e.code()).isEqualTo("invalid_json");
        assertThat(e.message()).contains("line 1");
        assertThat(error("[1,2]", Operation.CHAT).code()).isEqualTo("invalid_json");
        assertThat(error("", Operation.CHAT).code()).isEqualTo("invalid_json");
    }
}
