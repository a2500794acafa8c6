package io.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.egress.breaker.BreakerState;
import io.sluice.egress.breaker.CircuitBreaker;
import io.sluice.launcher.config.ConfigLoader;
import io.sluice.processors.routing.BackendHealthStore;
import io.sluice.records.BackendHealth;
import io.sluice.simulator.BackendSimulator;
import io.sluice.simulator.FaultRule;
import io.sluice.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two egress instances (one in a whole gateway, one alone) sharing the dispatch topic: a breaker
 * one of them trips reaches the other and the processors through the backend-health topic, and
 * is measured: how long after the trip every instance routes around the backend.
 */
class SharedBreakerIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Vertx vertx;
    private static BackendSimulator a;
    private static BackendSimulator b;
    private static BackendSimulator c;
    private static BackendSimulator d;
    private static GatewayFixture fx;
    private static Gateway second;
    private static Gateway ingressOnly;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        a = sim();
        b = sim();
        c = sim();
        d = sim();
        String yaml = """
                backends:
                  - { id: a, model: gpt-4o-mini, base-url: "%s" }
                  - { id: b, model: gpt-4o-mini, base-url: "%s" }
                  - { id: c, model: gpt-4o-mini, base-url: "%s" }
                  - { id: d, model: gpt-4o-mini, base-url: "%s" }
                models:
                  m: { strategy: priority, members: [{ backend: a }, { backend: b, priority: 2 }] }
                  steady: { strategy: round-robin, members: [c, d] }
                """.formatted(a.baseUrl(), b.baseUrl(), c.baseUrl(), d.baseUrl());
        fx = new GatewayFixture("", yaml);
        String egressOnly = "roles: [egress]\n" + TestGatewayYaml.base(fx.prefix,
                "it-second-" + fx.prefix.replace(".", ""), "", Files.createTempDirectory("sluice-streams")) + yaml;
        second = Gateway.start(ConfigLoader.withSystemEnv().loadString("second.yaml", egressOnly), Clock.systemUTC());
        ingressOnly = Gateway.start(ConfigLoader.withSystemEnv().loadString("third.yaml", egressOnly
                .replace("roles: [egress]", "roles: [ingress]").replace("it-second-", "it-third-")), Clock.systemUTC());
        // both instances take part: each has called a backend
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            chat("steady");
            return calls(fx.gateway, "c") + calls(fx.gateway, "d") > 0
                    && calls(second, "c") + calls(second, "d") > 0;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        ingressOnly.close();
        second.close();
        fx.close();
        for (BackendSimulator s : List.of(a, b, c, d)) {
            s.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static BackendSimulator sim() throws Exception {
        return BackendSimulator.start(vertx, SimulatorConfig.defaults()).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private static int calls(Gateway g, String backend) {
        return g.egress().backends().get(backend).breaker().snapshot().recentCalls();
    }

    private static CircuitBreaker.Snapshot breaker(Gateway g, String backend) {
        return g.egress().backends().get(backend).breaker().snapshot();
    }

    private static boolean processorsSeeOpen(String backend) {
        ReadOnlyKeyValueStore<String, byte[]> store = fx.gateway.processors().streams().store(
                StoreQueryParameters.fromNameAndType(BackendHealthStore.NAME, QueryableStoreTypes.keyValueStore()));
        byte[] v = store.get(backend);
        return v != null && BackendHealth.fromJson(v).isOpen();
    }

    private static int chat(String model) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + ConfigLoader.DEMO_KEY)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One backend in {@code GET /admin/backends} of a gateway without egress (read from the topic). */
    private static com.fasterxml.jackson.databind.JsonNode adminBackend(Gateway g, String id) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port()
                + "/admin/backends")).header("Authorization", "Bearer " + ConfigLoader.DEMO_ADMIN_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        var body = io.sluice.records.Json.MAPPER.readTree(r.body());
        assertThat(body.path("source").asText()).isEqualTo("backend-health topic");
        for (var b : body.path("backends")) {
            if (b.path("id").asText().equals(id)) {
                return b;
            }
        }
        throw new AssertionError("no backend " + id + " in " + r.body());
    }

    /** Milliseconds from {@code sinceMs} until {@code view} holds, polled every 2 ms. */
    private static long millisUntil(long sinceMs, java.util.concurrent.Callable<Boolean> view) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(view);
        return System.currentTimeMillis() - sinceMs;
    }

    @Test
    void aBreakerTrippedByOneEgressInstanceIsRespectedByTheOtherWithinASecond() {
        a.faults().add(FaultRule.status(500));
        try {
            int sent = 0;
            while (breaker(fx.gateway, "a").state() != BreakerState.OPEN
                    && breaker(second, "a").state() != BreakerState.OPEN) {
                assertThat(chat("m")).isEqualTo(200);
                assertThat(++sent).isLessThan(40);
            }
            CircuitBreaker.Snapshot seen = breaker(fx.gateway, "a").state() == BreakerState.OPEN
                    ? breaker(fx.gateway, "a") : breaker(second, "a");
            String tripperId = seen.changedBy();
            Gateway tripper = tripperId.equals(fx.gateway.config().server().instanceId()) ? fx.gateway : second;
            Gateway other = tripper == fx.gateway ? second : fx.gateway;
            CircuitBreaker.Snapshot tripped = breaker(tripper, "a");
            assertThat(tripped.changedBy()).isEqualTo(tripperId);
            assertThat(tripped.consecutiveFailures()).isEqualTo(5);

            long toOther = millisUntil(tripped.changedAtMs(), () -> breaker(other, "a").state() == BreakerState.OPEN);
            long toProcessors = millisUntil(tripped.changedAtMs(), () -> processorsSeeOpen("a"));
            CircuitBreaker.Snapshot learned = breaker(other, "a");
            assertThat(learned.changedBy()).as("learned from the topic, not tripped by itself").isEqualTo(tripperId);
            assertThat(learned.openUntilMs()).isEqualTo(tripped.openUntilMs());
            assertThat(toOther).isLessThan(1_000);
            assertThat(toProcessors).isLessThan(1_000);
            System.out.printf("breaker trip propagation: other egress instance %d ms, processors %d ms%n", toOther,
                    toProcessors);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                var view = adminBackend(ingressOnly, "a");
                assertThat(view.path("state").asText()).isEqualTo("open");
                assertThat(view.path("changed_by").asText()).isEqualTo(tripperId);
            });

            int before = a.requests().count();
            for (int i = 0; i < 20; i++) {
                assertThat(chat("m")).isEqualTo(200);
            }
            assertThat(a.requests().count()).as("neither instance calls the tripped backend").isEqualTo(before);
        } finally {
            a.faults().clear();
        }
    }

    @Test
    void aBackendKilledUnderLoadIsRoutedAroundByEveryInstanceWithNoClientError() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<List<Integer>>> load = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            load.add(clients.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                while (running.get()) {
                    statuses.add(chat("steady"));
                }
                return statuses;
            }));
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.requests().count() > 50);
            long killedAt = System.currentTimeMillis();
            c.close();
            long egress1 = millisUntil(killedAt, () -> breaker(fx.gateway, "c").state() == BreakerState.OPEN);
            long egress2 = millisUntil(killedAt, () -> breaker(second, "c").state() == BreakerState.OPEN);
            long processors = millisUntil(killedAt, () -> processorsSeeOpen("c"));
            CircuitBreaker.Snapshot s = breaker(fx.gateway, "c");
            long all = Math.max(egress1, Math.max(egress2, processors));
            System.out.printf("backend killed under load (4 clients): tripped by %s %d ms after the kill; every "
                    + "instance routes around it %d ms after the kill (%d ms after the trip): egress-1 %d ms, "
                    + "egress-2 %d ms, processors %d ms%n", s.changedBy(), s.changedAtMs() - killedAt, all,
                    killedAt + all - s.changedAtMs(), egress1, egress2, processors);
            assertThat(killedAt + all - s.changedAtMs()).isLessThan(1_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> d.requests().count() > 300);
        } finally {
            running.set(false);
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> f : load) {
            statuses.addAll(f.get(30, TimeUnit.SECONDS));
        }
        clients.shutdown();
        assertThat(statuses).isNotEmpty().containsOnly(200);
    }
}
