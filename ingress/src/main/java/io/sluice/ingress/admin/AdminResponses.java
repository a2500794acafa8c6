package io.sluice.ingress.admin;

import io.sluice.records.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Writes admin API answers as JSON. */
public final class AdminResponses {
    private AdminResponses() {
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(Json.toBytes(body)));
    }
}
