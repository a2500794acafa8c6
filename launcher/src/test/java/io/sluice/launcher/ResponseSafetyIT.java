package io.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.launcher.config.ConfigLoader;
import io.sluice.records.Json;
import io.sluice.records.UsageEvent;
import io.sluice.simulator.BackendSimulator;
import io.sluice.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Content safety on the answer side, through the whole gateway: a whole answer containing a
 * blocked term comes back filtered; a stream is cut where the term appears, ends with
 * {@code finish_reason: "content_filter"}, and its usage event still counts what was generated.
 */
class ResponseSafetyIT {

    private static final String PROMPT = "Tell me a long story about rivers";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static GatewayFixture fx;
    private static String blocked;
    private static String fullAnswer;

    @BeforeAll
    static void start() throws Exception {
        // The simulator answers deterministically: learn the answer, then block a word from its middle.
        try (BackendSimulator probe = BackendSimulator.start(SimulatorConfig.defaults())) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(probe.baseUrl() + "/chat/completions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body(false)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            fullAnswer = Json.MAPPER.readTree(r.body()).path("choices").get(0).path("message").path("content").asText();
        }
        String[] words = fullAnswer.replaceAll("[^A-Za-z ]", " ").trim().split("\\s+");
        blocked = words[words.length / 2].toLowerCase();
        fx = new GatewayFixture("", """
                safety:
                  policies:
                    answers:
                      checks:
                        - { type: keywords, mode: block, keywords: [%s], on: [response] }
                  default: [answers]
                """.formatted(blocked));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static String body(boolean stream) {
        return "{\"model\":\"gpt-4o-mini\"," + (stream ? "\"stream\":true,\"stream_options\":{\"include_usage\":true}," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    }

    private static HttpResponse<String> chat(boolean stream) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + ConfigLoader.DEMO_KEY).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body(stream))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static UsageEvent usage(HttpResponse<String> r) {
        String id = r.headers().firstValue("x-request-id").orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.usage(id) != null);
        return fx.usage(id);
    }

    @Test
    void aWholeAnswerWithABlockedTermComesBackFiltered() throws Exception {
        assertThat(fullAnswer.toLowerCase()).contains(blocked);
        HttpResponse<String> r = chat(false);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode choice = Json.MAPPER.readTree(r.body()).path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(r.body().toLowerCase()).doesNotContain(" " + blocked + " ");
        UsageEvent u = usage(r);
        assertThat(u.status()).isEqualTo(200);
        assertThat(u.completionTokens()).isPositive();
    }

    @Test
    void aStreamIsCutWhereTheBlockedTermAppearsAndItsUsageStillCounts() throws Exception {
        HttpResponse<String> r = chat(true);
        assertThat(r.statusCode()).isEqualTo(200);
        List<JsonNode> chunks = new ArrayList<>();
        String[] events = r.body().split("\n\n");
        for (String e : events) {
            String data = e.replaceFirst("^data: ", "");
            if (!data.isBlank() && !data.equals("[DONE]")) {
                chunks.add(Json.MAPPER.readTree(data));
            }
        }
        assertThat(events[events.length - 1].trim()).isEqualTo("data: [DONE]");
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (JsonNode c : chunks) {
            for (JsonNode choice : c.path("choices")) {
                text.append(choice.path("delta").path("content").asText(""));
                if (!choice.path("finish_reason").isNull() && !choice.path("finish_reason").isMissingNode()) {
                    finish = choice.path("finish_reason").asText();
                }
            }
        }
        assertThat(finish).isEqualTo("content_filter");
        assertThat(text.toString().toLowerCase()).doesNotContain(blocked);
        assertThat(text.length()).isLessThan(fullAnswer.length());
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("choices")).isEmpty();
        long streamedCompletion = last.path("usage").path("completion_tokens").asLong();
        assertThat(streamedCompletion).isPositive();

        UsageEvent u = usage(r);
        assertThat(u.status()).isEqualTo(200);
        assertThat(u.mode()).isEqualTo("stream");
        assertThat(u.completionTokens()).isEqualTo(streamedCompletion);
    }
}
