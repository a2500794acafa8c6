package io.sluice.ingress.admin;

import io.sluice.ingress.auth.PresentedKey;
import io.sluice.ingress.http.ErrorResponses;
import io.sluice.ingress.http.RouteContributor;
import io.sluice.records.ApiError;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * The admin API at {@code /admin}: every request needs an admin key (as {@code Authorization:
 * Bearer} or {@code api-key}); the endpoints come from the capabilities that have any.
 */
public final class AdminApi implements RouteContributor {

    private final AdminKeys keys;
    private final List<AdminEndpoints> endpoints;

    public AdminApi(AdminKeys keys, List<AdminEndpoints> endpoints) {
        this.keys = keys;
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    public void mount(Router router, Vertx vertx) {
        Router admin = Router.router(vertx);
        admin.route().handler(BodyHandler.create(false).setBodyLimit(1 << 20).setHandleFileUploads(false));
        admin.route().handler(ctx -> {
            String key = PresentedKey.from(ctx.request());
            if (key == null) {
                ErrorResponses.write(ctx.response(), new ApiError(401, "invalid_request_error", "missing_admin_key",
                        "The admin API needs an admin key as 'Authorization: Bearer <admin key>'.", null, 0), null);
            } else if (!keys.accepts(key)) {
                ErrorResponses.write(ctx.response(), new ApiError(403, "invalid_request_error", "not_admin",
                        "This key may not use the admin API. Use an admin key (config: admin.keys).", null, 0), null);
            } else {
                ctx.next();
            }
        });
        for (AdminEndpoints e : endpoints) {
            e.mount(admin, vertx);
        }
        admin.route().last().handler(ctx -> ErrorResponses.write(ctx.response(),
                ApiError.notFound(ctx.request().path()), null));
        router.route("/admin/*").subRouter(admin);
    }
}
