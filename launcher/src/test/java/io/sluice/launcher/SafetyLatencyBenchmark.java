package io.sluice.launcher;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.sluice.egress.backend.Secret;
import io.sluice.egress.safety.ExternalChecks;
import io.sluice.egress.safety.SafetyService;
import io.sluice.records.Json;
import io.sluice.records.Operation;
import io.sluice.records.safety.SafetyCheckRequest;
import io.sluice.safety.detect.InjectionHeuristic;
import io.sluice.safety.detect.KeywordDetector;
import io.sluice.safety.detect.PiiDetector;
import io.sluice.safety.detect.RegexDetector;
import io.sluice.safety.policy.Check;
import io.sluice.safety.policy.CheckMode;
import io.sluice.safety.policy.CheckType;
import io.sluice.safety.policy.SafetyPolicy;
import io.sluice.safety.screen.BuiltInScreen;
import io.sluice.safety.screen.Screening;
import io.sluice.safety.screen.Side;
import io.sluice.safety.text.BodyText;
import io.sluice.simulator.safety.ContentSafetyFake;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What content safety adds to a request. Part 1, in process: the prompt-side built-in checks (body
 * parse, PII with redaction, a 50-word keyword list, 3 regexes, the injection heuristic, body
 * rewrite) on chat prompts of 200 and 4,000 tokens. Part 2, one external check: the Azure
 * text-analysis call alone against a fake with a fixed 20 ms latency. Part 3, end to end through a
 * whole gateway (in-JVM broker, exactly-once processors, simulator with no latency), one request at a
 * time: no policy, the built-in policy, and the external check (round trip through the check and
 * verdict topics). Prints p50/p99; no verdict.
 *
 * <pre>mvn -B -q -pl launcher test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.sluice.launcher.SafetyLatencyBenchmark [-Dexec.args="2000 300"]</pre>
 */
public final class SafetyLatencyBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Encoding TOKENS = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    public static void main(String[] args) throws Exception {
        int inProcess = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int endToEnd = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        builtIn(inProcess);
        try (ContentSafetyFake fake = ContentSafetyFake.start("bench-key")) {
            fake.latencyMs(20);
            external(fake, Math.max(50, endToEnd / 2));
            endToEnd(fake, endToEnd);
        }
        System.exit(0);
    }

    private static List<SafetyPolicy> builtInPolicy() {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            words.add("codename" + i);
        }
        return List.of(new SafetyPolicy("bench", List.of(
                new Check("pii", CheckType.PII, CheckMode.REDACT, true, true, PiiDetector.all(), null),
                new Check("keywords", CheckType.KEYWORDS, CheckMode.BLOCK, true, true, new KeywordDetector(words),
                        null),
                new Check("regex", CheckType.REGEX, CheckMode.LOG, true, true, new RegexDetector(List.of(
                        "(?i)internal\\s+only", "TICKET-\\d{4,}", "(?i)confidential")), null),
                new Check("prompt-injection", CheckType.PROMPT_INJECTION, CheckMode.BLOCK, true, false,
                        new InjectionHeuristic(1.0), null)), 500, false, 2));
    }

    /** A chat body of about {@code tokens} tokens: ordinary prose with an e-mail address and a card number. */
    static String prompt(int tokens) {
        String[] sentences = {"The quarterly report shows steady growth in the northern region. ",
                "Please summarise the attached notes for the steering committee by Friday. ",
                "Customer feedback mentions delivery times, packaging and the new mobile app. ",
                "Our team met on 12 March 2024 to review version 2.4.1 of the onboarding flow. ",
                "Contact me at alex.morgan@example.com if anything is unclear. ",
                "The refund went to card 4111 1111 1111 1111 last week. "};
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (TOKENS.countTokens(text.toString()) < tokens) {
            text.append(sentences[i++ % sentences.length]);
        }
        return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are helpful.\"},"
                + "{\"role\":\"user\",\"content\":" + Json.toString(text.toString().strip()) + "}]}";
    }

    private static void builtIn(int n) {
        List<SafetyPolicy> policies = builtInPolicy();
        for (int tokens : new int[] {200, 4000}) {
            byte[] body = prompt(tokens).getBytes(StandardCharsets.UTF_8);
            long[] samples = new long[n];
            for (int round = -1; round < 1; round++) {
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    BodyText text = BodyText.ofRequest(body, Operation.CHAT);
                    Screening s = BuiltInScreen.run(policies, Side.PROMPT, text.parts());
                    byte[] out = s.redacted() ? text.rewrite(body, s.replacements()) : body;
                    samples[i] = System.nanoTime() - t0;
                    if (out.length == 0) {
                        throw new IllegalStateException();
                    }
                }
            }
            report(String.format(Locale.ROOT, "built-in checks, %d-token prompt (%d chars), in process", tokens,
                    body.length), samples, 1_000);
        }
    }

    private static void external(ContentSafetyFake fake, int n) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ExternalChecks checks = new ExternalChecks(Map.of("cs", new SafetyService("cs",
                    SafetyService.Kind.AZURE_CONTENT_SAFETY, URI.create(fake.baseUrl()), "2024-09-01",
                    Secret.of("bench-key"), null, 2000)), vertx.createHttpClient(), vertx, Clock.systemUTC());
            long[] samples = new long[n];
            for (int round = -1; round < 1; round++) {
                for (int i = 0; i < n; i++) {
                    SafetyCheckRequest r = new SafetyCheckRequest("r" + i, System.currentTimeMillis() + 2000,
                            List.of(new SafetyCheckRequest.ExternalCall("b/azure", "azure-text-analysis", "cs",
                                    List.of("Hate", "SelfHarm", "Sexual", "Violence"), List.of(), false)),
                            "hello there", "hello there", List.of());
                    long t0 = System.nanoTime();
                    checks.run(r).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
                    samples[i] = System.nanoTime() - t0;
                }
            }
            report("external check alone (Azure text:analyze, fake with 20 ms latency)", samples, 1_000_000);
        } finally {
            vertx.close();
        }
    }

    private static void endToEnd(ContentSafetyFake fake, int n) throws Exception {
        try (GatewayFixture fx = new GatewayFixture("", """
                subscriptions:
                  - { id: plain, keys: [ "sk-bench-plain-000000000000" ] }
                  - { id: builtin, keys: [ "sk-bench-builtin-0000000000" ] }
                  - { id: external, keys: [ "sk-bench-external-000000000" ] }
                safety:
                  services:
                    - { id: cs, type: azure-content-safety, endpoint: %s, api-key: bench-key }
                  policies:
                    builtin:
                      checks:
                        - { type: pii, mode: redact }
                        - { type: keywords, keywords: [codename1, codename2, codename3] }
                        - { type: prompt-injection }
                    external:
                      timeout-ms: 2000
                      checks:
                        - { type: azure-text-analysis, service: cs }
                  subscriptions: { builtin: builtin, external: external }
                """.formatted(fake.baseUrl()))) {
            String gw = fx.baseUrl() + "/v1/chat/completions";
            String body = prompt(200);
            for (String sub : List.of("plain", "builtin", "external")) {
                String key = "sk-bench-" + sub + "-" + "0".repeat(sub.equals("plain") ? 12 : sub.equals("builtin")
                        ? 10 : 9);
                for (int i = 0; i < 30; i++) {
                    send(gw, key, body);
                }
                long[] samples = new long[n];
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    send(gw, key, body);
                    samples[i] = System.nanoTime() - t0;
                }
                report("end to end, 200-token prompt, policy: " + (sub.equals("plain") ? "none" : sub), samples,
                        1_000_000);
            }
        }
    }

    private static void send(String url, String key, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization",
                "Bearer " + key).header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
    }

    private static void report(String what, long[] nanos, long unit) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        String u = unit == 1_000 ? "µs" : "ms";
        System.out.printf(Locale.ROOT, "%-78s n=%d  p50 %.2f %s  p99 %.2f %s%n", what, sorted.length,
                sorted[sorted.length / 2] / (double) unit, u, sorted[(int) (sorted.length * 0.99)] / (double) unit, u);
    }
}
