package io.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.launcher.config.ConfigLoader;
import io.sluice.records.UsageEvent;
import io.sluice.simulator.BackendSimulator;
import io.sluice.simulator.FaultRule;
import io.sluice.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one failover costs a client: the same request through a pool whose first member answers,
 * whose first member answers 500, and whose first member refuses the connection (breakers that
 * never trip, so every request fails over), interleaved, client-side latency compared.
 */
class FailoverCostIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int WARMUP = 20;
    /** More for a measurement: {@code -Dsluice.failover.rounds=500}. */
    private static final int ROUNDS = Integer.getInteger("sluice.failover.rounds", 100);
    private static Vertx vertx;
    private static BackendSimulator healthy;
    private static BackendSimulator failing;
    private static GatewayFixture fx;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        healthy = BackendSimulator.start(vertx, SimulatorConfig.defaults()).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        failing = BackendSimulator.start(vertx, SimulatorConfig.defaults()).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        failing.faults().add(FaultRule.status(500));
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        String neverTrips = "breaker: { consecutive-failures: 0, minimum-calls: 0 }";
        fx = new GatewayFixture("", """
                backends:
                  - { id: healthy, model: gpt-4o-mini, base-url: "%s" }
                  - { id: failing, model: gpt-4o-mini, base-url: "%s", %s }
                  - { id: refusing, model: gpt-4o-mini, base-url: "http://127.0.0.1:%d/v1", %s }
                models:
                  direct: { backends: [healthy] }
                  after-500: { backends: [failing, healthy] }
                  after-refused: { backends: [refusing, healthy] }
                """.formatted(healthy.baseUrl(), failing.baseUrl(), neverTrips, dead, neverTrips));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
        healthy.close();
        failing.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> chat(String model) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + ConfigLoader.DEMO_KEY)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
    }

    @Test
    void oneFailoverAddsOnlyMillisecondsToARequest() {
        List<String> models = List.of("direct", "after-500", "after-refused");
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        models.forEach(m -> ms.put(m, new ArrayList<>()));
        for (int i = 0; i < WARMUP + ROUNDS; i++) {
            for (String model : models) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = chat(model);
                double took = (System.nanoTime() - t0) / 1e6;
                assertThat(r.statusCode()).isEqualTo(200);
                if (i >= WARMUP) {
                    ms.get(model).add(took);
                }
            }
        }
        Map<String, Double> p50 = new LinkedHashMap<>();
        StringBuilder report = new StringBuilder("failover cost, client-side ms over " + ROUNDS
                + " sequential requests each (interleaved):");
        ms.forEach((model, list) -> {
            Collections.sort(list);
            p50.put(model, percentile(list, 50));
            report.append(String.format(java.util.Locale.ROOT, "%n  %-14s p50 %6.2f  p90 %6.2f  p99 %6.2f  mean %6.2f",
                    model, percentile(list, 50), percentile(list, 90), percentile(list, 99),
                    list.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        });
        report.append(String.format(java.util.Locale.ROOT, "%n  added at p50: after a 500 %.2f ms, after a refused "
                + "connection %.2f ms", p50.get("after-500") - p50.get("direct"),
                p50.get("after-refused") - p50.get("direct")));
        System.out.println(report);

        // retry-backoff-ms 10: the pause before the failover is at most 10 ms; the rest is one local call
        assertThat(p50.get("after-500") - p50.get("direct")).isLessThan(50);
        assertThat(p50.get("after-refused") - p50.get("direct")).isLessThan(50);
        HttpResponse<String> r = chat("after-500");
        String id = r.headers().firstValue("x-request-id").orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.usage(id) != null);
        assertThat(fx.usage(id).attempts()).extracting(UsageEvent.Attempt::outcome)
                .containsExactly("server_error", "success");
    }
}
