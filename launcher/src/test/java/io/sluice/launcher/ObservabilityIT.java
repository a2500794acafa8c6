package io.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.sluice.records.Json;
import io.sluice.records.UsageEvent;
import io.sluice.simulator.BackendSimulator;
import io.sluice.simulator.FaultRule;
import io.sluice.simulator.ReceivedRequest;
import io.sluice.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * Metrics, traces and logs through the whole gateway: a known set of requests (cache misses and
 * hits, a safety block, a backend error, a failover, a stream) gives exact counts and token sums
 * on {@code /metrics}; a client's trace id reaches the span of the backend call; and no log line,
 * metric or event holds a key or a prompt marked secret.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String KEY = "sk-obs-test-secret-key-0000aaaa";
    private static final String ADMIN_KEY = "sk-obs-admin-secret-1111bbbb";
    private static final String BACKEND_KEY = "sk-obs-backend-secret-2222cccc";
    private static final String SECRET_PROMPT = "SECRET-PROMPT-7f3a9c do not log me";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static final List<HttpResponse<String>> RESPONSES = new ArrayList<>();
    private static Vertx vertx;
    private static BackendSimulator primary;
    private static BackendSimulator secondary;
    private static BackendSimulator solo;
    private static GatewayFixture fx;

    @BeforeAll
    static void start() throws Exception {
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        LOGS.setContext(logs);
        LOGS.start();
        logs.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(LOGS);
        vertx = Vertx.vertx();
        primary = sim();
        secondary = sim();
        solo = sim();
        fx = new GatewayFixture("", """
                backends:
                  - { id: primary, base-url: "%s" }
                  - { id: secondary, base-url: "%s" }
                  - { id: solo, base-url: "%s", api-key: "%s" }
                models:
                  gpt-4o-mini: { strategy: failover, members: [primary, secondary] }
                  gpt-4o: { backend: solo }
                subscriptions:
                  - { id: team-obs, keys: [ "%s" ] }
                admin:
                  keys: [ "%s" ]
                prices:
                  gpt-4o-mini: { input: 0.15, output: 0.60 }
                  gpt-4o: { input: 2.50, output: 10.00 }
                cache:
                  enabled: true
                  models: [gpt-4o-mini]
                  semantic: false
                  stats-interval-ms: 200
                safety:
                  policies:
                    standard:
                      checks:
                        - { type: keywords, mode: block, keywords: [project falcon] }
                  default: [standard]
                  audit: { excerpt-chars: 0 }
                observability:
                  end-user-header: x-end-user
                """.formatted(primary.baseUrl(), secondary.baseUrl(), solo.baseUrl(), BACKEND_KEY, KEY, ADMIN_KEY),
                Clock.systemUTC(), SPANS);
    }

    private static BackendSimulator sim() throws Exception {
        return BackendSimulator.start(vertx, SimulatorConfig.defaults().withModels(List.of("gpt-4o-mini", "gpt-4o")))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(LOGS);
        if (fx != null) {
            fx.close();
        }
        for (BackendSimulator s : List.of(primary, secondary, solo)) {
            if (s != null) {
                s.close();
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String chat(String model, String question, boolean stream) {
        return "{\"model\":\"" + model + "\"," + (stream ? "\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                : "") + "\"user\":\"enduser-obs-" + Math.abs(question.hashCode() % 3) + "\","
                + "\"messages\":[{\"role\":\"user\",\"content\":" + Json.toString(question) + "}]}";
    }

    private static HttpResponse<String> send(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        RESPONSES.add(r);
        return r;
    }

    private static Scrape scrape() {
        HttpResponse<String> r = Http.call("GET", fx.baseUrl() + "/metrics", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        return Scrape.parse(r.body());
    }

    private static UsageEvent usageOf(HttpResponse<String> r) {
        String id = r.headers().firstValue("x-request-id").orElseThrow();
        await().atMost(Duration.ofSeconds(15)).until(() -> fx.usage(id) != null);
        return fx.usage(id);
    }

    /** Prompt and completion tokens a client saw, from the body or the stream's usage chunk. */
    private static long[] tokensSeen(HttpResponse<String> r) throws Exception {
        String body = r.body();
        if (body.startsWith("data:")) {
            for (String line : body.split("\n")) {
                if (line.startsWith("data: {") && line.contains("\"usage\":{")) {
                    JsonNode u = Json.MAPPER.readTree(line.substring(6)).path("usage");
                    return new long[] {u.path("prompt_tokens").asLong(), u.path("completion_tokens").asLong()};
                }
            }
            throw new AssertionError("no usage chunk in " + body);
        }
        JsonNode u = Json.MAPPER.readTree(body).path("usage");
        return new long[] {u.path("prompt_tokens").asLong(), u.path("completion_tokens").asLong()};
    }

    @Test
    @Order(1)
    void aKnownSetOfRequestsGivesExactCountsAndTokenSums() throws Exception {
        Map<String, String> none = Map.of();
        List<HttpResponse<String>> answered = new ArrayList<>();
        HttpResponse<String> a = send(chat("gpt-4o-mini", "What is the capital of France?", false), none);
        answered.add(a);
        answered.add(send(chat("gpt-4o-mini", "Name three primary colours.", false), none));
        answered.add(send(chat("gpt-4o-mini", SECRET_PROMPT, false), none));
        assertThat(answered).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> Http.json(Http.call(
                "GET", fx.baseUrl() + "/admin/cache?subscription=team-obs", ADMIN_KEY, null))
                .path("totals").path("entries").asLong() >= 3);
        HttpResponse<String> hit1 = send(chat("gpt-4o-mini", "What is the capital of France?", false), none);
        HttpResponse<String> hit2 = send(chat("gpt-4o-mini", "What is the capital of France?", false), none);
        assertThat(List.of(hit1, hit2)).allSatisfy(r ->
                assertThat(r.headers().firstValue("x-sluice-cache")).hasValue("hit"));
        HttpResponse<String> stream = send(chat("gpt-4o-mini", "Count to five.", true), none);
        assertThat(stream.statusCode()).isEqualTo(200);
        answered.add(stream);
        primary.faults().add(FaultRule.status(500).times(1));
        HttpResponse<String> failover = send(chat("gpt-4o-mini", "Spell the word gateway.", false), none);
        assertThat(failover.statusCode()).isEqualTo(200);
        answered.add(failover);
        HttpResponse<String> blocked = send(chat("gpt-4o-mini", "Tell me about project falcon.", false), none);
        assertThat(blocked.statusCode()).isEqualTo(400);
        solo.faults().add(FaultRule.status(500).times(1));
        HttpResponse<String> error = send(chat("gpt-4o", "Is this a backend error?", false), none);
        assertThat(error.statusCode()).isEqualTo(502);

        // every request has its usage event, so the ledger has priced them all
        for (HttpResponse<String> r : RESPONSES) {
            usageOf(r);
        }
        assertThat(usageOf(failover).backend()).isEqualTo("secondary");
        long prompt = 0;
        long completion = 0;
        for (HttpResponse<String> r : answered) {
            long[] t = tokensSeen(r);
            prompt += t[0];
            completion += t[1];
        }
        assertThat(prompt).isPositive();
        double cost = (prompt * 0.15 + completion * 0.60) / 1_000_000;
        long finalPrompt = prompt;
        long finalCompletion = completion;

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Scrape m = scrape();
            String[] team = {"subscription", "team-obs"};
            assertThat(m.sum("sluice_requests_total", team)).isEqualTo(9);
            assertThat(m.sum("sluice_requests_total", "subscription", "team-obs", "model", "gpt-4o-mini",
                    "backend", "primary", "status", "200")).isEqualTo(4);
            assertThat(m.sum("sluice_requests_total", "model", "gpt-4o-mini", "backend", "secondary", "status", "200"))
                    .isEqualTo(1);
            assertThat(m.sum("sluice_requests_total", "model", "gpt-4o-mini", "backend", "none", "status", "200"))
                    .isEqualTo(2);
            assertThat(m.sum("sluice_requests_total", "model", "gpt-4o-mini", "status", "400")).isEqualTo(1);
            assertThat(m.sum("sluice_requests_total", "model", "gpt-4o", "backend", "solo", "status", "502"))
                    .isEqualTo(1);
            assertThat(m.sum("sluice_tokens_total", "subscription", "team-obs", "type", "prompt"))
                    .isEqualTo(finalPrompt);
            assertThat(m.sum("sluice_tokens_total", "subscription", "team-obs", "type", "completion"))
                    .isEqualTo(finalCompletion);
            assertThat(m.sum("sluice_cost_usd_total", "subscription", "team-obs", "model", "gpt-4o-mini"))
                    .isCloseTo(cost, within(1e-9));
            assertThat(m.sum("sluice_cache_lookups_total", "outcome", "hit")).isEqualTo(2);
            assertThat(m.sum("sluice_cache_lookups_total", "outcome", "miss")).isEqualTo(5);
            assertThat(m.sum("sluice_safety_blocks_total", "side", "prompt")).isEqualTo(1);
            assertThat(m.sum("sluice_failovers_total", "model", "gpt-4o-mini")).isEqualTo(1);
            assertThat(m.sum("sluice_backend_attempts_total", "backend", "primary")).isEqualTo(5);
            assertThat(m.sum("sluice_backend_attempts_total", "backend", "primary", "outcome", "success")).isEqualTo(4);
            assertThat(m.sum("sluice_backend_attempts_total", "backend", "solo", "outcome", "success")).isZero();
            assertThat(m.sum("http_server_requests_seconds_count", "route", "/v1/chat/completions")).isEqualTo(9);
            assertThat(m.sum("http_server_requests_seconds_count", "route", "/v1/chat/completions", "status", "200"))
                    .isEqualTo(7);
            assertThat(m.sum("sluice_request_duration_seconds_count", "model", "gpt-4o-mini")).isEqualTo(8);
            assertThat(m.sum("sluice_time_to_first_token_seconds_count", "model", "gpt-4o-mini")).isEqualTo(1);
            assertThat(m.sum("sluice_time_between_tokens_seconds_count", "backend", "primary")).isPositive();
            assertThat(m.sum("sluice_backend_call_duration_seconds_count", "backend", "primary")).isEqualTo(5);
            assertThat(m.sum("sluice_hop_duration_seconds_count", "hop", "total")).isEqualTo(9);
            assertThat(m.sum("sluice_gateway_overhead_seconds_count")).isEqualTo(9);
            assertThat(m.sum("sluice_backend_circuit_state", "backend", "primary", "state", "closed")).isEqualTo(1);
            assertThat(m.has("sluice_backend_in_flight")).isTrue();
            assertThat(m.has("sluice_consumer_lag_records")).isTrue();
            assertThat(m.has("jvm_memory_used_bytes")).isTrue();
            assertThat(m.has("kafka_producer_record_send_rate")).isTrue();
        });
    }

    @Test
    @Order(2)
    void metricLabelsAreBoundedAndCarryNoRequestIdOrUserInput() throws Exception {
        Scrape m = scrape();
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "metrics-sample.txt"), m.text());
        for (HttpResponse<String> r : RESPONSES) {
            String id = r.headers().firstValue("x-request-id").orElseThrow();
            assertThat(m.text()).doesNotContain(id);
        }
        assertThat(m.text()).doesNotContain("capital of France").doesNotContain("enduser-obs-");
        m.samples().forEach(s -> s.labels().forEach((k, v) ->
                assertThat(v.length()).as("label %s of %s", k, s.name()).isLessThan(120)));
    }

    @Test
    @Order(3)
    void aClientsTraceIdReachesTheSpanOfTheBackendCall() throws Exception {
        String traceparent = "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01";
        HttpResponse<String> r = send("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Which planet is the largest?\"}]}",
                Map.of("traceparent", traceparent, "x-end-user", "header-user-1"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(usageOf(r).endUser()).as("end user from the configured header").isEqualTo("header-user-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> SPANS.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getTraceId().equals(TRACE_ID) && s.getKind() == SpanKind.SERVER));
        List<SpanData> trace = SPANS.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(TRACE_ID))
                .toList();
        SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(server.getParentSpanId()).isEqualTo(CLIENT_SPAN);
        assertThat(server.getName()).isEqualTo("POST /v1/chat/completions");
        SpanData call = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(call.getName()).isEqualTo("chat gpt-4o-mini");
        assertThat(call.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(call.getAttributes().asMap().toString()).contains("gen_ai.request.model=gpt-4o-mini")
                .contains("sluice.backend=primary").contains("gen_ai.usage.input_tokens");
        assertThat(trace.stream().map(SpanData::getName)).contains("stage safety", "stage cache", "stage routing");
        assertThat(trace.stream().filter(s -> s.getName().startsWith("stage ")))
                .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(server.getSpanId()));
        // the backend received the call's own context: same trace, the client span's grandchild
        ReceivedRequest received = primary.requests().all().stream()
                .filter(x -> x.body().contains("largest")).findFirst().orElseThrow();
        assertThat(received.header("traceparent")).isEqualTo("00-" + TRACE_ID + "-" + call.getSpanId() + "-01");
    }

    @Test
    @Order(4)
    void everyFinishedRequestHasOneJsonLogLine() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> requestLines().size() >= RESPONSES.size());
        List<JsonNode> lines = new ArrayList<>();
        for (String l : requestLines()) {
            lines.add(Json.MAPPER.readTree(l));
        }
        for (HttpResponse<String> r : RESPONSES) {
            String id = r.headers().firstValue("x-request-id").orElseThrow();
            List<JsonNode> mine = lines.stream().filter(n -> n.path("request_id").asText().equals(id)).toList();
            assertThat(mine).as("log lines of %s", id).hasSize(1);
            JsonNode line = mine.get(0);
            assertThat(line.path("status").asInt()).isEqualTo(r.statusCode());
            assertThat(line.path("subscription").asText()).isEqualTo("team-obs");
            assertThat(line.has("latency_ms")).isTrue();
            assertThat(line.has("cache")).isTrue();
            assertThat(line.has("safety")).isTrue();
        }
        assertThat(lines).anySatisfy(l -> assertThat(l.path("safety").asText()).isEqualTo("blocked"));
        assertThat(lines).anySatisfy(l -> assertThat(l.path("cache").asText()).isEqualTo("hit"));
    }

    @Test
    @Order(5)
    void activityCountsTheActiveSubscriptionsAndEndUsers() {
        long users = RESPONSES.stream().map(ObservabilityIT::usageOf).map(UsageEvent::endUser).distinct().count();
        assertThat(users).isGreaterThan(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode day = Http.json(Http.call("GET", fx.baseUrl() + "/admin/activity?granularity=day", ADMIN_KEY,
                    null));
            JsonNode today = day.path("data").get(day.path("data").size() - 1);
            assertThat(today.path("active_subscriptions").asInt()).isEqualTo(1);
            assertThat(today.path("active_end_users").asLong()).isEqualTo(users);
            assertThat(today.path("requests").asLong()).isEqualTo(RESPONSES.size());
            Scrape m = scrape();
            assertThat(m.sum("sluice_active_end_users", "window", "day")).isEqualTo(users);
        });
        assertThat(Http.call("GET", fx.baseUrl() + "/admin/activity?granularity=week", ADMIN_KEY, null).statusCode())
                .isEqualTo(400);
        assertThat(Http.call("GET", fx.baseUrl() + "/admin/activity", KEY, null).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(7)
    void theGrafanaDashboardQueriesOnlyMetricsTheGatewayExposes() throws Exception {
        JsonNode dashboard = Json.MAPPER.readTree(java.nio.file.Path.of("docker", "grafana",
                "dashboards", "sluice.json").toFile());
        java.util.Set<String> exposed = new java.util.HashSet<>();
        scrape().samples().forEach(s -> exposed.add(s.name()));
        // counted only when it happens, which this test's traffic does not
        exposed.add("sluice_quota_rejections_total");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b((?:sluice|http_server|jvm)_[a-z_]+)")
                .matcher(dashboard.toString());
        int queried = 0;
        while (m.find()) {
            assertThat(exposed).as("metric in the Grafana dashboard").contains(m.group(1));
            queried++;
        }
        assertThat(queried).isGreaterThan(20);
    }

    private static List<String> requestLines() {
        return LOGS.list.stream().filter(e -> e.getLoggerName().equals("sluice.request"))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    @Order(6)
    void noLogLineMetricOrEventHoldsASecretOrAPromptMarkedSecret() {
        List<String> outputs = new ArrayList<>();
        LOGS.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).forEach(e -> {
            outputs.add(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                outputs.add(e.getThrowableProxy().getMessage());
            }
        });
        outputs.add(scrape().text());
        for (HttpResponse<String> r : RESPONSES) {
            outputs.add(Json.toString(usageOf(r)));
            if (r.statusCode() >= 400) {
                outputs.add(r.body());
            }
        }
        outputs.add(Http.call("GET", fx.baseUrl() + "/admin/dashboard/summary", ADMIN_KEY, null).body());
        outputs.add(Http.call("GET", fx.baseUrl() + "/admin/activity?granularity=hour", ADMIN_KEY, null).body());
        SPANS.getFinishedSpanItems().forEach(s -> outputs.add(s.toString()));
        assertThat(outputs).hasSizeGreaterThan(RESPONSES.size());
        for (String secret : List.of(KEY, ADMIN_KEY, BACKEND_KEY, "SECRET-PROMPT-7f3a9c")) {
            assertThat(outputs).noneMatch(o -> o != null && o.contains(secret));
        }
    }
}
