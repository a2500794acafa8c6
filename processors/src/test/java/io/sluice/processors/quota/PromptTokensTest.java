package io.sluice.processors.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTokensTest {

    private static PromptTokens.Estimate estimate(String model, Operation op, String body) {
        return PromptTokens.estimate(new PromptRecord("r", "s", "k", model, op, false, false, 0, "t", Map.of(),
                body.getBytes(StandardCharsets.UTF_8)), 1000);
    }

    private static long tokens(String model, String text) {
        return PromptTokens.encodingFor(model).countTokensOrdinary(text);
    }

    @Test
    void countsChatMessagesTheWayOpenAiDoes() {
        String text = "What is the capital of France?";
        PromptTokens.Estimate e = estimate("gpt-4o-mini", Operation.CHAT, "{\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"name\":\"ann\",\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}],"
                + "\"max_tokens\":20}");
        long expected = 3 + (3 + tokens("gpt-4o", "system") + tokens("gpt-4o", "Be brief."))
                + (3 + tokens("gpt-4o", "user") + tokens("gpt-4o", text) + tokens("gpt-4o", "ann") + 1);
        assertThat(e.promptTokens()).isEqualTo(expected);
        assertThat(e.completionTokens()).isEqualTo(20);
    }

    @Test
    void usesO200kForTheGpt4oFamilyAndCl100kForOlderModels() {
        assertThat(PromptTokens.encodingFor("gpt-4o-mini").getName()).isEqualTo("o200k_base");
        assertThat(PromptTokens.encodingFor("o3-mini").getName()).isEqualTo("o200k_base");
        assertThat(PromptTokens.encodingFor("gpt-4.1").getName()).isEqualTo("o200k_base");
        assertThat(PromptTokens.encodingFor("gpt-4-turbo").getName()).isEqualTo("cl100k_base");
        assertThat(PromptTokens.encodingFor("gpt-3.5-turbo").getName()).isEqualTo("cl100k_base");
    }

    @Test
    void reservesMaxCompletionTokensForEveryChoiceOrTheDefault() {
        String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        assertThat(estimate("gpt-4o", Operation.CHAT, "{" + messages + ",\"max_completion_tokens\":30,"
                + "\"max_tokens\":99,\"n\":3}").completionTokens()).isEqualTo(90);
        assertThat(estimate("gpt-4o", Operation.CHAT, "{" + messages + "}").completionTokens()).isEqualTo(1000);
    }

    @Test
    void toolDefinitionsCountTowardsThePrompt() {
        String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        long without = estimate("gpt-4o", Operation.CHAT, "{" + messages + "}").promptTokens();
        long with = estimate("gpt-4o", Operation.CHAT, "{" + messages + ",\"tools\":[{\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}]}").promptTokens();
        assertThat(with).isGreaterThan(without + 10);
    }

    @Test
    void embeddingsCountTheirInputOnly() {
        assertThat(estimate("text-embedding-3-small", Operation.EMBEDDINGS, "{\"input\":\"hello world\"}"))
                .isEqualTo(new PromptTokens.Estimate(2, 0));
        assertThat(estimate("text-embedding-3-small", Operation.EMBEDDINGS,
                "{\"input\":[[1,2,3],[4,5],\"hello\"]}").promptTokens()).isEqualTo(6);
    }
}
