package io.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.launcher.config.ConfigLoader;
import io.sluice.records.Json;
import io.sluice.records.UsageEvent;
import io.sluice.simulator.FaultRule;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every error a client can get from the core path: status, error code, a message that says what
 * to do, and nothing left behind (no open exchange, no call in flight, exactly one usage event).
 */
class ErrorPathsIT {

    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final int MAX_IN_FLIGHT = 8;

    private static GatewayFixture fx;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        fx = new GatewayFixture("  max-body-bytes: 65536\n  max-in-flight: " + MAX_IN_FLIGHT, "");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @AfterEach
    void nothingLeftBehind() {
        fx.gateway.simulator().faults().clear();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(fx.gateway.ingress().openExchanges()).isZero();
            assertThat(fx.gateway.egress().inFlight()).isZero();
        });
    }

    private static HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(fx.baseUrl() + path))
                .header("Authorization", "Bearer " + ConfigLoader.DEMO_KEY)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode e = Json.MAPPER.readTree(r.body()).path("error");
        assertThat(e.has("message") && e.has("type") && e.has("code") && e.has("param")).isTrue();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return e;
    }

    /** The one usage event of a request that reached Kafka, with the status the client saw. */
    private static UsageEvent usageOf(HttpResponse<String> r) {
        String id = r.headers().firstValue("x-request-id").orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.usage(id) != null);
        UsageEvent e = fx.usage(id);
        assertThat(e.status()).isEqualTo(r.statusCode());
        assertThat(fx.usageCount(id)).isEqualTo(1);
        return e;
    }

    @Test
    void malformedJsonIs400SayingWhere() throws Exception {
        HttpResponse<String> r = send(post("/v1/chat/completions", "{\"model\": \"gpt-4o-mini\", ").build());
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = error(r);
        assertThat(e.path("code").asText()).isEqualTo("invalid_json");
        assertThat(e.path("message").asText()).contains("not valid JSON").contains("line 1");
    }

    @Test
    void aMissingFieldIs400NamingIt() throws Exception {
        HttpResponse<String> r = send(post("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\"}").build());
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = error(r);
        assertThat(e.path("param").asText()).isEqualTo("messages");
        assertThat(e.path("message").asText()).contains("'messages'");
    }

    @Test
    void aMissingKeyIs401SayingHowToSendOne() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CHAT)).build());
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode e = error(r);
        assertThat(e.path("code").asText()).isEqualTo("missing_api_key");
        assertThat(e.path("message").asText()).contains("Authorization: Bearer");
    }

    @Test
    void anUnknownKeyIs401AndNeverEchoed() throws Exception {
        HttpResponse<String> r = send(post("/v1/chat/completions", CHAT)
                .setHeader("Authorization", "Bearer sk-not-a-real-key-123").build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(error(r).path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(r.body()).doesNotContain("sk-not-a-real-key-123");
    }

    @Test
    void anUnknownModelIs404WithAUsageEvent() throws Exception {
        HttpResponse<String> r = send(post("/v1/chat/completions", CHAT.replace("gpt-4o-mini", "gpt-7")).build());
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode e = error(r);
        assertThat(e.path("code").asText()).isEqualTo("model_not_found");
        assertThat(e.path("message").asText()).contains("gpt-7").contains("GET /v1/models");
        assertThat(usageOf(r).errorCode()).isEqualTo("model_not_found");
    }

    @Test
    void anUnknownAzureDeploymentIs404() throws Exception {
        HttpResponse<String> r = send(post("/openai/deployments/nope/chat/completions?api-version=2024-10-21",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .setHeader("Authorization", "Basic none").header("api-key", ConfigLoader.DEMO_KEY).build());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(error(r).path("message").asText()).contains("nope");
        usageOf(r);
    }

    @Test
    void anAzureCallWithoutApiVersionIs400NamingIt() throws Exception {
        HttpResponse<String> r = send(post("/openai/deployments/gpt-4o/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).path("param").asText()).isEqualTo("api-version");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String big = CHAT.replace("\"hi\"", "\"" + "x".repeat(70_000) + "\"");
        HttpResponse<String> r = send(post("/v1/chat/completions", big).build());
        assertThat(r.statusCode()).isEqualTo(413);
        JsonNode e = error(r);
        assertThat(e.path("code").asText()).isEqualTo("request_too_large");
        assertThat(e.path("message").asText()).contains("65536");
    }

    @Test
    void aFullGatewayAnswers503WithRetryAfterQuickly() throws Exception {
        fx.gateway.simulator().faults().add(FaultRule.slow(3_000).times(MAX_IN_FLIGHT));
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            held.add(HTTP.sendAsync(post("/v1/chat/completions", CHAT).build(), HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.gateway.ingress().openExchanges() == MAX_IN_FLIGHT);
        long t0 = System.nanoTime();
        HttpResponse<String> r = send(post("/v1/chat/completions", CHAT).build());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("1");
        assertThat(error(r).path("code").asText()).isEqualTo("gateway_overloaded");
        assertThat(ms).isLessThan(1_000);
        for (CompletableFuture<HttpResponse<String>> f : held) {
            assertThat(f.get().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFailingBackendIs502NamingTheBackend() throws Exception {
        fx.gateway.simulator().faults().add(FaultRule.status(500).times(1));
        HttpResponse<String> r = send(post("/v1/chat/completions", CHAT).build());
        assertThat(r.statusCode()).isEqualTo(502);
        JsonNode e = error(r);
        assertThat(e.path("code").asText()).isEqualTo("backend_error");
        assertThat(e.path("message").asText()).contains("simulator").contains("500");
        assertThat(usageOf(r).backend()).isEqualTo("simulator");
    }

    @Test
    void aBackendAnsweringGarbageIs502() throws Exception {
        fx.gateway.simulator().faults().add(FaultRule.malformed().times(1));
        HttpResponse<String> r = send(post("/v1/chat/completions", CHAT).build());
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(error(r).path("message").asText()).contains("not valid JSON");
        usageOf(r);
    }

    @Test
    void aBackendDroppingTheConnectionIs502() throws Exception {
        fx.gateway.simulator().faults().add(FaultRule.drop().times(1));
        HttpResponse<String> r = send(post("/v1/chat/completions", CHAT).build());
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(error(r).path("code").asText()).isEqualTo("backend_error");
        usageOf(r);
    }

    @Test
    void aBackendsOwn4xxPassesThroughWithItsStatusAndBody() throws Exception {
        fx.gateway.simulator().faults().add(FaultRule.tooManyRequests(7).times(1));
        HttpResponse<String> r = send(post("/v1/chat/completions", CHAT).build());
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).contains("7");
        error(r);
        usageOf(r);
    }

    @Test
    void aRequestPastItsDeadlineIs504AndTheBackendCallIsAbandoned() throws Exception {
        fx.gateway.simulator().faults().add(FaultRule.slow(5_000).times(1));
        long t0 = System.nanoTime();
        HttpResponse<String> r = send(post("/v1/chat/completions", CHAT).header("x-sluice-timeout-ms", "300").build());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(504);
        JsonNode e = error(r);
        assertThat(e.path("code").asText()).isEqualTo("timeout");
        assertThat(e.path("message").asText()).contains("300 ms").contains("x-sluice-timeout-ms");
        assertThat(ms).isLessThan(3_000);
        usageOf(r);
    }

    @Test
    void aBadTimeoutHeaderIs400NamingIt() throws Exception {
        HttpResponse<String> r = send(post("/v1/chat/completions", CHAT).header("x-sluice-timeout-ms", "soon").build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).path("param").asText()).isEqualTo("x-sluice-timeout-ms");
    }

    @Test
    void unknownPathsAndMethodsGetOpenAiShapedErrors() throws Exception {
        HttpResponse<String> r = send(post("/v1/nothing-here", CHAT).build());
        assertThat(r.statusCode()).isEqualTo(404);
        error(r);
        HttpResponse<String> m = send(HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + ConfigLoader.DEMO_KEY).GET().build());
        assertThat(m.statusCode()).isEqualTo(405);
        error(m);
    }

    @Test
    void theAdminApiNeedsAnAdminKey() throws Exception {
        HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/admin/instance")).GET();
        HttpResponse<String> none = send(get.build());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(error(none).path("code").asText()).isEqualTo("missing_admin_key");
        HttpResponse<String> user = send(get.setHeader("Authorization", "Bearer " + ConfigLoader.DEMO_KEY).build());
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(error(user).path("code").asText()).isEqualTo("not_admin");
        HttpResponse<String> admin = send(get.setHeader("Authorization", "Bearer " + ConfigLoader.DEMO_ADMIN_KEY)
                .build());
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(admin.body()).path("roles").toString()).contains("ingress", "egress");
    }

    @Test
    void aClientThatDisconnectsCancelsTheBackendCall() throws Exception {
        fx.gateway.simulator().controls().setTokensPerSecond(5);
        try {
            HttpResponse<InputStream> r = HTTP.send(post("/v1/chat/completions",
                    CHAT.replace("\"messages\"", "\"stream\":true,\"messages\"")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String id = r.headers().firstValue("x-request-id").orElseThrow();
            InputStream in = r.body();
            assertThat(in.read()).isEqualTo('d');
            await().atMost(Duration.ofSeconds(5)).until(() -> fx.gateway.egress().inFlight() == 1);
            in.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> fx.gateway.egress().inFlight() == 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> fx.usage(id) != null);
            assertThat(fx.usage(id).status()).isEqualTo(499);
            assertThat(fx.usage(id).errorCode()).isEqualTo("client_closed");
        } finally {
            fx.gateway.simulator().controls().setTokensPerSecond(0);
        }
    }
}
