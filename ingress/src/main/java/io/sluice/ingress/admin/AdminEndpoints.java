package io.sluice.ingress.admin;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Endpoints of one capability under {@code /admin} (subscriptions, usage, backends, cache).
 * Routes are registered relative to {@code /admin}: {@code router.get("/backends")} serves
 * {@code GET /admin/backends}. Requests reach them only with a valid admin key, and with their
 * body already read.
 */
@FunctionalInterface
public interface AdminEndpoints {
    void mount(Router adminRouter, Vertx vertx);
}
