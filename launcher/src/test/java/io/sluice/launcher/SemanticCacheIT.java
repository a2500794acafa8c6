package io.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.launcher.config.ConfigLoader;
import io.sluice.records.Json;
import io.sluice.records.UsageEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantic cache through the whole gateway: misses stored by egress, hits answered by the
 * processors without a backend call (JSON and SSE), the cache headers, the usage events, and the
 * admin statistics and invalidation.
 */
class SemanticCacheIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static GatewayFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new GatewayFixture("", """
                cache:
                  enabled: true
                  models: [gpt-4o-mini]
                  stats-interval-ms: 200
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static String chat(String question, boolean stream) {
        return "{\"model\":\"gpt-4o-mini\"," + (stream ? "\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                : "") + "\"messages\":[{\"role\":\"user\",\"content\":" + Json.toString(question) + "}]}";
    }

    private static HttpResponse<String> send(String body, String cacheControl) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + ConfigLoader.DEMO_KEY)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cacheControl != null) {
            b.header("Cache-Control", cacheControl);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cacheHeader(HttpResponse<String> r) {
        return r.headers().firstValue("x-sluice-cache").orElse("(none)");
    }

    private static String content(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body()).path("choices").get(0).path("message").path("content").asText();
    }

    /** Asks until the answer comes from the cache (the first answer is stored asynchronously). */
    private static HttpResponse<String> untilHit(String body) {
        HttpResponse<String>[] last = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = send(body, null);
            return cacheHeader(last[0]).equals("hit");
        });
        return last[0];
    }

    private static UsageEvent usageOf(HttpResponse<String> r) {
        String id = r.headers().firstValue("x-request-id").orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.usage(id) != null);
        return fx.usage(id);
    }

    @Test
    void aRepeatedPromptIsAnsweredFromTheCacheWithoutCallingTheBackend() throws Exception {
        String body = chat("What is the boiling point of water at sea level?", false);
        HttpResponse<String> first = send(body, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(cacheHeader(first)).isEqualTo("miss");
        UsageEvent firstUsage = usageOf(first);
        assertThat(firstUsage.totalTokens()).isPositive();

        untilHit(body);
        int backendCalls = fx.gateway.simulator().requests().count();
        HttpResponse<String> hit = send(body, null);
        assertThat(cacheHeader(hit)).isEqualTo("hit");
        assertThat(hit.headers().firstValue("x-sluice-cache-score")).hasValue("1.0000");
        assertThat(hit.headers().firstValue("x-sluice-cache-key")).get().asString().hasSize(64);
        assertThat(content(hit)).isEqualTo(content(first));
        assertThat(Json.MAPPER.readTree(hit.body()).path("object").asText()).isEqualTo("chat.completion");
        assertThat(fx.gateway.simulator().requests().count()).isEqualTo(backendCalls);

        UsageEvent usage = usageOf(hit);
        assertThat(usage.cache()).isEqualTo("hit");
        assertThat(usage.status()).isEqualTo(200);
        assertThat(usage.totalTokens()).isZero();
        assertThat(usage.tokensSaved()).isEqualTo(firstUsage.totalTokens());
        assertThat(fx.usageCount(usage.requestId())).isEqualTo(1);
    }

    @Test
    void aParaphraseHitsWithItsScoreAndAnotherQuestionMisses() throws Exception {
        send(chat("How many legs does a spider have?", false), null);
        untilHit(chat("How many legs does a spider have?", false));
        HttpResponse<String> paraphrase = send(chat("How many legs do spiders have?", false), null);
        assertThat(cacheHeader(paraphrase)).isEqualTo("hit");
        assertThat(Double.parseDouble(paraphrase.headers().firstValue("x-sluice-cache-score").orElseThrow()))
                .isBetween(0.9, 0.9999);
        assertThat(cacheHeader(send(chat("How many legs does an ant have?", false), null))).isEqualTo("miss");
    }

    @Test
    void aStreamingRequestGetsTheCachedAnswerAsServerSentEvents() throws Exception {
        String question = "Name the largest planet in the solar system.";
        HttpResponse<String> first = send(chat(question, false), null);
        untilHit(chat(question, false));
        int backendCalls = fx.gateway.simulator().requests().count();
        HttpResponse<String> stream = send(chat(question, true), null);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        assertThat(cacheHeader(stream)).isEqualTo("hit");
        List<String> events = stream.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6))
                .collect(Collectors.toList());
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        StringBuilder content = new StringBuilder();
        JsonNode usageChunk = null;
        for (String e : events.subList(0, events.size() - 1)) {
            JsonNode c = Json.MAPPER.readTree(e);
            assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
            if (c.path("choices").isEmpty()) {
                usageChunk = c;
            } else {
                content.append(c.path("choices").get(0).path("delta").path("content").asText(""));
            }
        }
        assertThat(content.toString()).isEqualTo(content(first));
        assertThat(usageChunk).isNotNull();
        assertThat(usageChunk.path("usage").path("total_tokens").asInt()).isZero();
        assertThat(fx.gateway.simulator().requests().count()).isEqualTo(backendCalls);
        assertThat(usageOf(stream).mode()).isEqualTo("stream");
    }

    @Test
    void noCacheBypassesTheCacheAndCallsTheBackend() throws Exception {
        String body = chat("What colour is the sky on a clear day?", false);
        send(body, null);
        untilHit(body);
        int backendCalls = fx.gateway.simulator().requests().count();
        HttpResponse<String> bypass = send(body, "no-cache");
        assertThat(bypass.statusCode()).isEqualTo(200);
        assertThat(cacheHeader(bypass)).isEqualTo("bypass");
        assertThat(fx.gateway.simulator().requests().count()).isEqualTo(backendCalls + 1);
    }

    @Test
    void theAdminApiShowsStatisticsPerScopeAndInvalidatesAnEntry() throws Exception {
        String body = chat("Who painted the Mona Lisa?", false);
        send(body, null);
        HttpResponse<String> hit = untilHit(body);
        String entry = hit.headers().firstValue("x-sluice-cache-key").orElseThrow();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> stats = Http.call("GET", fx.baseUrl() + "/admin/cache?subscription=demo",
                    ConfigLoader.DEMO_ADMIN_KEY, null);
            assertThat(stats.statusCode()).isEqualTo(200);
            JsonNode s = Http.json(stats);
            assertThat(s.path("enabled").asBoolean()).isTrue();
            JsonNode totals = s.path("totals");
            assertThat(totals.path("hits").asLong()).isPositive();
            assertThat(totals.path("entries").asLong()).isPositive();
            assertThat(totals.path("tokens_saved").asLong()).isPositive();
            assertThat(totals.path("hit_ratio").asDouble()).isBetween(0.0, 1.0);
            JsonNode scope = s.path("scopes").get(0);
            assertThat(scope.path("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(scope.path("subscription").asText()).isEqualTo("demo");
        });
        assertThat(Http.call("GET", fx.baseUrl() + "/admin/cache", ConfigLoader.DEMO_KEY, null).statusCode())
                .isEqualTo(403);

        HttpResponse<String> del = Http.call("DELETE", fx.baseUrl() + "/admin/cache/entries/" + entry,
                ConfigLoader.DEMO_ADMIN_KEY, null);
        assertThat(del.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> cacheHeader(send(body, "no-store")).equals("miss"));
        assertThat(Http.call("DELETE", fx.baseUrl() + "/admin/cache", ConfigLoader.DEMO_ADMIN_KEY, null).statusCode())
                .isEqualTo(400);
        assertThat(Http.call("DELETE", fx.baseUrl() + "/admin/cache?model=gpt-4o-mini", ConfigLoader.DEMO_ADMIN_KEY,
                null).statusCode()).isEqualTo(202);
    }
}
