package io.sluice.egress.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.egress.backend.BackendEndpoint;
import io.sluice.egress.backend.BackendPolicy;
import io.sluice.egress.breaker.BreakerSettings;
import io.sluice.egress.breaker.BreakerState;
import io.sluice.egress.pacing.Capacity;
import io.sluice.egress.pool.LiveBackend;
import io.sluice.egress.pool.LiveBackends;
import io.sluice.records.BackendHealth;
import io.sluice.simulator.BackendSimulator;
import io.sluice.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Active health checks against a real HTTP backend that goes away and comes back on the same port. */
class ActiveHealthCheckTest {

    private Vertx vertx;
    private HttpClient http;
    private final List<BackendHealth> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        http = vertx.createHttpClient();
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private BackendSimulator simulator(int port) throws Exception {
        return BackendSimulator.start(vertx, SimulatorConfig.defaults().withPort(port)).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void failedChecksOpenTheBreakerAndPassingChecksCloseItAgain() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HealthCheckSettings settings = new HealthCheckSettings(100, "/models", 500, 2, 3);
        BackendPolicy policy = new BackendPolicy(BreakerSettings.defaults(), Capacity.UNLIMITED, settings, 0);
        LiveBackends live = new LiveBackends(Map.of("sim", BackendEndpoint.openAi("sim", "http://127.0.0.1:" + port
                + "/v1", null)), Map.of("sim", policy), Clock.systemUTC(), "egress-1", published::add);
        LiveBackend backend = live.get("sim");
        ActiveHealthCheck check = new ActiveHealthCheck(backend, settings, http, vertx, Clock.systemUTC());
        check.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> backend.breaker().snapshot().state() == BreakerState.OPEN);
            assertThat(published).singleElement().satisfies(h ->
                    assertThat(h.reason()).startsWith("health check failed 3 times in a row"));
            assertThat(check.last().ok()).isFalse();

            BackendSimulator sim = simulator(port);
            try {
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> backend.breaker().snapshot().state() == BreakerState.CLOSED);
                assertThat(published.get(published.size() - 1).reason()).startsWith("health check passed 2 times");
                assertThat(check.last().ok()).isTrue();
                assertThat(sim.requests().all()).isNotEmpty().allSatisfy(r -> {
                    assertThat(r.method()).isEqualTo("GET");
                    assertThat(r.path()).isEqualTo("/v1/models");
                });
            } finally {
                sim.close();
            }
        } finally {
            check.close();
        }
    }
}
