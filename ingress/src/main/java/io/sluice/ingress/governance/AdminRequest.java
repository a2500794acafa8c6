package io.sluice.ingress.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.ingress.admin.AdminResponses;
import io.sluice.ingress.http.ApiException;
import io.sluice.ingress.http.ErrorResponses;
import io.sluice.records.ApiError;
import io.sluice.records.Json;
import io.sluice.records.governance.InvalidFieldException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading an admin request's JSON body, and answering from a change that completes elsewhere. */
final class AdminRequest {

    private static final Logger LOG = LoggerFactory.getLogger(AdminRequest.class);

    private AdminRequest() {
    }

    /** The body as a JSON object; an empty body is {@code {}}. */
    static JsonNode body(RoutingContext ctx) {
        var buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(buffer.getBytes());
        } catch (IOException e) {
            throw new ApiException(ApiError.invalidJson("at " + (e instanceof com.fasterxml.jackson.core
                    .JsonProcessingException j && j.getLocation() != null ? "line " + j.getLocation().getLineNr()
                    + ", column " + j.getLocation().getColumnNr() : "the start")));
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(ApiError.invalidJson("the body must be a JSON object"));
        }
        return node;
    }

    /** Answers {@code status} with the change's result, or the error it ended with, on the request's context. */
    static void answer(RoutingContext ctx, int status, CompletableFuture<?> change) {
        Context context = Vertx.currentContext();
        change.whenComplete((result, failure) -> context.runOnContext(v -> {
            if (failure == null) {
                AdminResponses.json(ctx, status, result);
            } else {
                fail(ctx, failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        }));
    }

    static void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof ApiException api) {
            ErrorResponses.write(ctx.response(), api.error(), null);
        } else if (failure instanceof InvalidFieldException bad) {
            ErrorResponses.write(ctx.response(), AdminErrors.badField(bad.field(), bad.getMessage()), null);
        } else if (failure instanceof GovernanceWriter.ConfigUnavailableException down) {
            ErrorResponses.write(ctx.response(), AdminErrors.unavailable(down.getMessage()), null);
        } else {
            LOG.error("admin request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
            ErrorResponses.write(ctx.response(), ApiError.internal("(admin)"), null);
        }
    }
}
