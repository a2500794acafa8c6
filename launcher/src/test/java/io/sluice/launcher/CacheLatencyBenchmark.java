package io.sluice.launcher;

import io.sluice.launcher.config.ConfigLoader;
import io.sluice.records.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * End-to-end latency through a whole gateway (in-JVM broker, exactly-once processors, the built-in
 * simulator with no added latency), one request at a time: the simulator called directly, a model
 * the cache leaves alone, a cache miss (embedding, lookup, backend call, store), an exact hit and a
 * semantic hit. Prints p50/p99 per path; no verdict.
 *
 * <pre>mvn -B -q -pl launcher test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.sluice.launcher.CacheLatencyBenchmark [-Dexec.args=300]</pre>
 */
public final class CacheLatencyBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        try (GatewayFixture fx = new GatewayFixture("  server-timing: true", """
                cache:
                  enabled: true
                  models: [gpt-4o-mini]
                """)) {
            String sim = fx.gateway.simulator().baseUrl();
            String gw = fx.baseUrl() + "/v1";
            warm(fx, gw, sim);
            report("simulator directly", measure(n, i -> send(sim, chat("gpt-4o", "direct " + i), false)));
            report("gateway, model not cached", measure(n, i -> send(gw, chat("gpt-4o", "uncached " + i), true)));
            report("gateway, cache miss", measure(n, i -> send(gw, chat("gpt-4o-mini",
                    "Unique question number " + i + " about the history of bridges?"), true)));
            String stored = chat("gpt-4o-mini", "What is the capital of France?");
            send(gw, stored, true);
            long deadline = System.currentTimeMillis() + 15_000;
            while (!"hit".equals(cache(gw, stored)) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            report("gateway, exact hit", measure(n, i -> send(gw, stored, true)));
            String paraphrase = chat("gpt-4o-mini", "Tell me the capital city of France.");
            if (!"hit".equals(cache(gw, paraphrase))) {
                throw new IllegalStateException("the paraphrase should hit");
            }
            report("gateway, semantic hit", measure(n, i -> send(gw, paraphrase, true)));
        }
        System.exit(0);
    }

    private interface Call {
        void run(int i) throws Exception;
    }

    private static void warm(GatewayFixture fx, String gw, String sim) throws Exception {
        for (int i = 0; i < 100; i++) {
            send(sim, chat("gpt-4o", "warm " + i), false);
            send(gw, chat("gpt-4o", "warm " + i), true);
            send(gw, chat("gpt-4o-mini", "warm up " + i), true);
        }
    }

    /** Server-Timing durations of the last measured path, per hop. */
    private static final java.util.Map<String, java.util.List<Double>> HOPS = new java.util.TreeMap<>();

    private static long[] measure(int n, Call call) throws Exception {
        HOPS.clear();
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.run(i);
            ns[i] = System.nanoTime() - t;
        }
        return ns;
    }

    private static void report(String name, long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        StringBuilder hops = new StringBuilder();
        HOPS.forEach((hop, v) -> {
            v.sort(null);
            hops.append(String.format(Locale.ROOT, " %s %.1f", hop, v.get(v.size() / 2)));
        });
        System.out.printf(Locale.ROOT, "%-28s n=%d  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms%s%n", name, s.length,
                s[s.length / 2] / 1e6, s[(int) (s.length * 0.9)] / 1e6, s[Math.min(s.length - 1,
                        (int) Math.ceil(s.length * 0.99) - 1)] / 1e6,
                hops.length() == 0 ? "" : "  (median Server-Timing, ms:" + hops + ")");
    }

    private static String chat(String model, String question) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":" + Json.toString(question)
                + "}]}";
    }

    private static HttpResponse<String> send(String base, String body, boolean gateway) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (gateway) {
            b.header("Authorization", "Bearer " + ConfigLoader.DEMO_KEY);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        r.headers().firstValue("Server-Timing").ifPresent(st -> {
            for (String part : st.split(",")) {
                String[] kv = part.trim().split(";dur=");
                if (kv.length == 2) {
                    HOPS.computeIfAbsent(kv[0], k -> new java.util.ArrayList<>()).add(Double.parseDouble(kv[1]));
                }
            }
        });
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    private static String cache(String gw, String body) throws Exception {
        return send(gw, body, true).headers().firstValue("x-sluice-cache").orElse("");
    }
}
