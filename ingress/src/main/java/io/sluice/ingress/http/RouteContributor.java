package io.sluice.ingress.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Adds routes of another capability (admin API, metrics, batch API) to the ingress router. */
@FunctionalInterface
public interface RouteContributor {
    void mount(Router router, Vertx vertx);
}
