package io.sluice.simulator.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.simulator.ReceivedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A fake of the external safety services, speaking their published request and response shapes:
 * Azure AI Content Safety ({@code POST /contentsafety/text:analyze} and {@code text:shieldPrompt},
 * key in {@code Ocp-Apim-Subscription-Key}) and OpenAI moderation ({@code POST /v1/moderations},
 * bearer key). Words in the text decide the results ({@link #severity}, {@link #attack}, {@link #flag});
 * a fixed latency and a failure status can be set at runtime. Records what it received.
 */
public final class ContentSafetyFake implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> AZURE_CATEGORIES = List.of("Hate", "SelfHarm", "Sexual", "Violence");
    private static final List<String> MODERATION_CATEGORIES = List.of("harassment", "hate", "self-harm", "sexual",
            "violence", "illicit");

    private final Vertx vertx;
    private final HttpServer server;
    private final String key;
    private final Map<String, Map<String, Integer>> severities = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Double>> scores = new ConcurrentHashMap<>();
    private final Map<String, List<String>> blocklists = new ConcurrentHashMap<>();
    private final List<String> attacks = new CopyOnWriteArrayList<>();
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private volatile long latencyMs;
    private volatile int failStatus;

    private ContentSafetyFake(Vertx vertx, HttpServer server, String key) {
        this.vertx = vertx;
        this.server = server;
        this.key = key;
    }

    /** Starts on a free loopback port, accepting only {@code key}. */
    public static ContentSafetyFake start(String key) {
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer();
        ContentSafetyFake fake = new ContentSafetyFake(vertx, server, key);
        server.requestHandler(fake::handle);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the content safety fake did not start: " + e.getMessage(), e);
        }
        return fake;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** A text containing {@code word} gets {@code severity} (0-7) in the Azure {@code category}. */
    public ContentSafetyFake severity(String word, String category, int severity) {
        severities.computeIfAbsent(word.toLowerCase(Locale.ROOT), w -> new ConcurrentHashMap<>()).put(category,
                severity);
        return this;
    }

    /** A text containing {@code word} gets {@code score} in the moderation {@code category}, flagged at 0.5. */
    public ContentSafetyFake flag(String word, String category, double score) {
        scores.computeIfAbsent(word.toLowerCase(Locale.ROOT), w -> new ConcurrentHashMap<>()).put(category, score);
        return this;
    }

    /** A user prompt or document containing {@code phrase} is an attack for prompt shields. */
    public ContentSafetyFake attack(String phrase) {
        attacks.add(phrase.toLowerCase(Locale.ROOT));
        return this;
    }

    /** An Azure blocklist with its items. */
    public ContentSafetyFake blocklist(String name, String... items) {
        blocklists.put(name, List.of(items));
        return this;
    }

    /** Every answer waits this long. */
    public void latencyMs(long ms) {
        this.latencyMs = ms;
    }

    /** Every request fails with this status (0: none). */
    public void failWith(int status) {
        this.failStatus = status;
    }

    public List<ReceivedRequest> requests() {
        return List.copyOf(received);
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(buf -> {
            Map<String, String> headers = new HashMap<>();
            req.headers().forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
            received.add(new ReceivedRequest(req.method().name(), req.uri(), headers, buf.toString(),
                    System.currentTimeMillis()));
            Runnable answer = () -> answer(req, headers, buf.getBytes());
            if (latencyMs > 0) {
                vertx.setTimer(latencyMs, id -> answer.run());
            } else {
                answer.run();
            }
        });
    }

    private void answer(HttpServerRequest req, Map<String, String> headers, byte[] body) {
        if (failStatus > 0) {
            send(req, failStatus, "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"fake failure\"}}");
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            send(req, 400, "{\"error\":{\"code\":\"InvalidRequestBody\",\"message\":\"not JSON\"}}");
            return;
        }
        String path = req.path();
        boolean azure = path.startsWith("/contentsafety/");
        if (azure && !key.equals(headers.get("ocp-apim-subscription-key"))
                || !azure && !("Bearer " + key).equals(headers.get("authorization"))) {
            send(req, 401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid key.\"}}");
            return;
        }
        if (azure && req.getParam("api-version") == null) {
            send(req, 400, "{\"error\":{\"code\":\"MissingApiVersion\",\"message\":\"api-version is required\"}}");
            return;
        }
        switch (path) {
            case "/contentsafety/text:analyze" -> send(req, 200, analyze(json));
            case "/contentsafety/text:shieldPrompt" -> send(req, 200, shield(json));
            case "/v1/moderations" -> send(req, 200, moderate(json));
            default -> send(req, 404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"unknown path\"}}");
        }
    }

    private String analyze(JsonNode in) {
        String text = in.path("text").asText("").toLowerCase(Locale.ROOT);
        List<String> categories = new ArrayList<>();
        in.path("categories").forEach(c -> categories.add(c.asText()));
        if (categories.isEmpty()) {
            categories.addAll(AZURE_CATEGORIES);
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode matches = out.putArray("blocklistsMatch");
        for (JsonNode name : in.path("blocklistNames")) {
            for (String item : blocklists.getOrDefault(name.asText(), List.of())) {
                if (text.contains(item.toLowerCase(Locale.ROOT))) {
                    matches.addObject().put("blocklistName", name.asText()).put("blocklistItemId", "id-" + item)
                            .put("blocklistItemText", item);
                }
            }
        }
        ArrayNode analysis = out.putArray("categoriesAnalysis");
        for (String category : categories) {
            int severity = 0;
            for (Map.Entry<String, Map<String, Integer>> e : severities.entrySet()) {
                if (text.contains(e.getKey())) {
                    severity = Math.max(severity, e.getValue().getOrDefault(category, 0));
                }
            }
            analysis.addObject().put("category", category).put("severity", severity);
        }
        return out.toString();
    }

    private String shield(JsonNode in) {
        ObjectNode out = JSON.createObjectNode();
        out.putObject("userPromptAnalysis").put("attackDetected", isAttack(in.path("userPrompt").asText("")));
        ArrayNode docs = out.putArray("documentsAnalysis");
        in.path("documents").forEach(d -> docs.addObject().put("attackDetected", isAttack(d.asText(""))));
        return out.toString();
    }

    private boolean isAttack(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return attacks.stream().anyMatch(t::contains);
    }

    private String moderate(JsonNode in) {
        List<String> inputs = new ArrayList<>();
        if (in.path("input").isArray()) {
            in.path("input").forEach(i -> inputs.add(i.asText("")));
        } else {
            inputs.add(in.path("input").asText(""));
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("id", "modr-fake");
        out.put("model", in.path("model").asText("omni-moderation-latest"));
        ArrayNode results = out.putArray("results");
        for (String input : inputs) {
            String text = input.toLowerCase(Locale.ROOT);
            ObjectNode r = results.addObject();
            ObjectNode flags = r.putObject("categories");
            ObjectNode values = r.putObject("category_scores");
            boolean any = false;
            for (String category : MODERATION_CATEGORIES) {
                double score = 0.0001;
                for (Map.Entry<String, Map<String, Double>> e : scores.entrySet()) {
                    if (text.contains(e.getKey())) {
                        score = Math.max(score, e.getValue().getOrDefault(category, 0.0));
                    }
                }
                flags.put(category, score >= 0.5);
                values.put(category, score);
                any |= score >= 0.5;
            }
            r.put("flagged", any);
        }
        return out.toString();
    }

    private static void send(HttpServerRequest req, int status, String body) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // stopping anyway
        }
    }
}
