package io.sluice.observability.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.ingress.admin.AdminKeys;
import io.sluice.ingress.auth.PresentedKey;
import io.sluice.ingress.http.ErrorResponses;
import io.sluice.ingress.http.RouteContributor;
import io.sluice.records.ApiError;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics}: the Prometheus text format (or OpenMetrics when the scraper asks for it).
 * Open by default, as Prometheus expects; with {@code adminKeys} set it needs an admin key.
 */
public final class MetricsRoute implements RouteContributor {

    static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final Runnable beforeScrape;
    private final AdminKeys adminKeys;

    /** @param adminKeys the keys that may scrape, or null when anyone may */
    public MetricsRoute(PrometheusMeterRegistry registry, Runnable beforeScrape, AdminKeys adminKeys) {
        this.registry = registry;
        this.beforeScrape = beforeScrape;
        this.adminKeys = adminKeys;
    }

    @Override
    public void mount(Router router, Vertx vertx) {
        router.get("/metrics").handler(ctx -> scrape(ctx, vertx));
    }

    private void scrape(RoutingContext ctx, Vertx vertx) {
        if (adminKeys != null) {
            String key = PresentedKey.from(ctx.request());
            if (key == null) {
                ErrorResponses.write(ctx.response(), new ApiError(401, "invalid_request_error", "missing_admin_key",
                        "/metrics needs an admin key as 'Authorization: Bearer <admin key>' "
                                + "(config: observability.metrics-require-admin-key).", null, 0), null);
                return;
            }
            if (!adminKeys.accepts(key)) {
                ErrorResponses.write(ctx.response(), new ApiError(403, "invalid_request_error", "not_admin",
                        "This key may not read /metrics. Use an admin key (config: admin.keys).", null, 0), null);
                return;
            }
        }
        String accept = ctx.request().getHeader("Accept");
        String type = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : TEXT_004;
        // a scrape formats every series: off the event loop
        vertx.executeBlocking(() -> {
            beforeScrape.run();
            return registry.scrape(type);
        }, false).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.response().putHeader("Content-Type", type).end(ar.result());
            } else {
                ErrorResponses.write(ctx.response(), ApiError.internal("(metrics)"), null);
            }
        });
    }
}
