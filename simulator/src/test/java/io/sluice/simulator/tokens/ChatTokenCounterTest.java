package io.sluice.simulator.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ChatTokenCounterTest {

    private static final ChatTokenCounter COUNTER = new ChatTokenCounter();

    @Test
    void countsASingleHelloAsEightPromptTokensLikeOpenAi() throws Exception {
        JsonNode messages = messages("[{\"role\":\"user\",\"content\":\"Hello\"}]");

        assertThat(COUNTER.countPrompt("gpt-4o-mini", messages)).isEqualTo(8);
        assertThat(COUNTER.countPrompt("gpt-4", messages)).isEqualTo(8);
    }

    @Test
    void addsTheNameAndOneTokenForNamedMessages() throws Exception {
        int plain = COUNTER.countPrompt("gpt-4o", messages("[{\"role\":\"user\",\"content\":\"Hello\"}]"));
        int named = COUNTER.countPrompt("gpt-4o",
                messages("[{\"role\":\"user\",\"name\":\"bob\",\"content\":\"Hello\"}]"));

        assertThat(named).isEqualTo(plain + COUNTER.count("gpt-4o", "bob") + 1);
    }

    @Test
    void countsTextPartsAndIgnoresImagePartsOfArrayContent() throws Exception {
        JsonNode messages = messages("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.png\"}}]}]");

        assertThat(COUNTER.countPrompt("gpt-4o", messages)).isEqualTo(8);
    }

    @Test
    void picksO200kForNewModelsAndCl100kOtherwise() {
        assertThat(COUNTER.encodingFor("gpt-4o-mini").getName()).isEqualTo("o200k_base");
        assertThat(COUNTER.encodingFor("gpt-4.1-nano").getName()).isEqualTo("o200k_base");
        assertThat(COUNTER.encodingFor("o1-preview").getName()).isEqualTo("o200k_base");
        assertThat(COUNTER.encodingFor("o3-mini").getName()).isEqualTo("o200k_base");
        assertThat(COUNTER.encodingFor("o4-mini").getName()).isEqualTo("o200k_base");
        assertThat(COUNTER.encodingFor("gpt-4").getName()).isEqualTo("cl100k_base");
        assertThat(COUNTER.encodingFor("text-embedding-3-small").getName()).isEqualTo("cl100k_base");
    }

    @Test
    void countsSpecialTokenMarkersAsPlainText() {
        assertThat(COUNTER.count("gpt-4o", "<|endoftext|>")).isGreaterThan(1);
    }

    private static JsonNode messages(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }
}
