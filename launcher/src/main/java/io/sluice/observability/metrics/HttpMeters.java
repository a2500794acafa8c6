package io.sluice.observability.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.ingress.http.RouteContributor;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Times every HTTP exchange of ingress, as the client saw it ({@code http.server.request.duration}),
 * by method, route template and status, and counts cache lookups by the {@code x-sluice-cache}
 * answer. Runs first on every route, also for requests refused before they reach Kafka.
 */
public final class HttpMeters implements RouteContributor {

    /** Ahead of every other route of the router. */
    static final int ORDER = -1_000;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Set<String> CACHE_OUTCOMES = Set.of("hit", "miss", "bypass");

    private final MeterRegistry registry;

    public HttpMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void mount(Router router, Vertx vertx) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> finished(ctx, start, done.succeeded()));
        ctx.next();
    }

    private void finished(RoutingContext ctx, long startNanos, boolean completed) {
        String method = ctx.request().method().name();
        int status = completed ? ctx.response().getStatusCode() : 499;
        Timer.builder("http.server.requests").description("HTTP exchanges of ingress, as the client saw them")
                .tags("method", METHODS.contains(method) ? method : "OTHER", "route", route(ctx.request().path()),
                        "status", Integer.toString(status))
                .serviceLevelObjectives(Buckets.LATENCY)
                .register(registry).record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        String cache = ctx.response().headers().get("x-sluice-cache");
        if (cache != null && CACHE_OUTCOMES.contains(cache)) {
            Counter.builder("sluice.cache.lookups").description("Requests the semantic cache looked at, by outcome")
                    .tag("outcome", cache).register(registry).increment();
        }
    }

    /** The route template of a path: a bounded label, never the raw path. */
    public static String route(String path) {
        if (path == null) {
            return "other";
        }
        switch (path) {
            case "/v1/chat/completions", "/v1/embeddings", "/v1/models", "/healthz", "/metrics", "/dashboard" -> {
                return path;
            }
            default -> {
                // fall through to the templates
            }
        }
        if (path.startsWith("/v1/models/")) {
            return "/v1/models/{model}";
        }
        if (path.startsWith("/openai/deployments/")) {
            if (path.endsWith("/chat/completions")) {
                return "/openai/deployments/{deployment}/chat/completions";
            }
            if (path.endsWith("/embeddings")) {
                return "/openai/deployments/{deployment}/embeddings";
            }
        }
        if (path.startsWith("/admin/")) {
            return "/admin/*";
        }
        if (path.startsWith("/dashboard/")) {
            return "/dashboard/*";
        }
        return "other";
    }
}
