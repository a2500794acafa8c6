package io.sluice.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.ingress.admin.AdminKeys;
import io.sluice.ingress.auth.KeyHash;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsRouteTest {

    private static final String ADMIN = "sk-admin-for-metrics";
    private final Vertx vertx = Vertx.vertx();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private HttpServer server;

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String serve(AdminKeys keys) throws Exception {
        Counter.builder("sluice.requests").tag("status", "200").register(registry).increment(3);
        Router router = Router.router(vertx);
        new MetricsRoute(registry, () -> { }, keys).mount(router, vertx);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return "http://127.0.0.1:" + server.actualPort() + "/metrics";
    }

    private static HttpResponse<String> get(String url, String key, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePrometheusTextFormatWithoutAKeyByDefault() throws Exception {
        String url = serve(null);
        HttpResponse<String> r = get(url, null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(MetricsRoute.TEXT_004);
        assertThat(r.body()).contains("sluice_requests_total{status=\"200\"} 3.0");
        HttpResponse<String> open = get(url, null, "application/openmetrics-text; version=1.0.0");
        assertThat(open.headers().firstValue("Content-Type")).hasValue(MetricsRoute.OPENMETRICS);
        assertThat(open.body()).endsWith("# EOF\n");
    }

    @Test
    void whenConfiguredOnlyAnAdminKeyMayScrape() throws Exception {
        String url = serve(new AdminKeys(Set.of(KeyHash.sha256Hex(ADMIN))));
        HttpResponse<String> none = get(url, null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("missing_admin_key").doesNotContain("sluice_requests");
        HttpResponse<String> wrong = get(url, "sk-not-admin", null);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("sk-not-admin");
        assertThat(get(url, ADMIN, null).statusCode()).isEqualTo(200);
    }
}
