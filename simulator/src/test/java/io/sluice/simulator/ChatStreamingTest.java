package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChatStreamingTest {

    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    @RegisterExtension
    static final SimulatorExtension sim = new SimulatorExtension(SimulatorConfig.defaults().withCompletionTokens(12));

    @Test
    void streamsOneChunkPerTokenAndEndsWithDone() {
        HttpResponse<String> response = sim.http().post("/v1/chat/completions",
                SimHttp.streamingChat("gpt-4o-mini", "Stream please", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        List<String> events = SimHttp.events(response.body());
        assertThat(events).hasSize(1 + 12 + 1 + 1);
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");

        JsonNode first = SimHttp.json(events.get(0));
        assertThat(first.get("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.at("/choices/0/delta").toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
        assertThat(first.at("/choices/0/finish_reason").isNull()).isTrue();
        assertThat(first.has("usage")).isFalse();

        StringBuilder content = new StringBuilder();
        String id = first.get("id").asText();
        for (String event : events.subList(1, 13)) {
            JsonNode chunk = SimHttp.json(event);
            assertThat(chunk.get("id").asText()).isEqualTo(id);
            assertThat(chunk.get("model").asText()).isEqualTo("gpt-4o-mini");
            String piece = chunk.at("/choices/0/delta/content").asText();
            assertThat(O200K.countTokens(piece)).isEqualTo(1);
            content.append(piece);
        }
        JsonNode finish = SimHttp.json(events.get(13));
        assertThat(finish.at("/choices/0/delta").size()).isZero();
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(O200K.countTokens(content.toString())).isEqualTo(12);

        String nonStreamed = SimHttp.json(sim.http().post("/v1/chat/completions",
                SimHttp.chat("gpt-4o-mini", "Stream please"))).at("/choices/0/message/content").asText();
        assertThat(content.toString()).isEqualTo(nonStreamed);
    }

    @Test
    void includesAUsageChunkAndNullUsageElsewhereWhenAsked() {
        HttpResponse<String> response = sim.http().post("/v1/chat/completions",
                SimHttp.streamingChat("gpt-4o-mini", "Count me", true));

        List<String> events = SimHttp.events(response.body());
        assertThat(events).hasSize(1 + 12 + 1 + 1 + 1);
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        for (String event : events.subList(0, 14)) {
            JsonNode chunk = SimHttp.json(event);
            assertThat(chunk.has("usage")).isTrue();
            assertThat(chunk.get("usage").isNull()).isTrue();
        }
        JsonNode usageChunk = SimHttp.json(events.get(14));
        assertThat(usageChunk.get("choices")).isEmpty();
        assertThat(usageChunk.at("/usage/completion_tokens").asInt()).isEqualTo(12);
        assertThat(usageChunk.at("/usage/prompt_tokens").asInt())
                .isEqualTo(3 + 1 + O200K.countTokens("Count me") + 3);
        assertThat(usageChunk.at("/usage/total_tokens").asInt())
                .isEqualTo(usageChunk.at("/usage/prompt_tokens").asInt() + 12);
    }

    @Test
    void endsWithFinishReasonLengthWhenCapped() {
        String request = "{\"model\":\"gpt-4o\",\"stream\":true,\"max_tokens\":4,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

        List<String> events = SimHttp.events(sim.http().post("/v1/chat/completions", request).body());

        assertThat(events).hasSize(1 + 4 + 1 + 1);
        assertThat(SimHttp.json(events.get(5)).at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void pacesTokensAtTheConfiguredRate() {
        sim.simulator().controls().setTokensPerSecond(100);
        sim.simulator().controls().setCompletionTokens(10);

        long start = System.nanoTime();
        HttpResponse<String> response = sim.http().post("/v1/chat/completions",
                SimHttp.streamingChat("gpt-4o-mini", "Slowly", false));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(SimHttp.events(response.body())).hasSize(1 + 10 + 1 + 1);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(80);
    }

    @Test
    void delaysTheFirstChunkByTheLatency() {
        long start = System.nanoTime();
        HttpResponse<String> response = sim.http().post("/v1/chat/completions",
                SimHttp.streamingChat("gpt-4o-mini", "Wait", false), "x-sim-latency-ms", "150");

        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    }
}
