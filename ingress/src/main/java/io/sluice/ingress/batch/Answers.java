package io.sluice.ingress.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.ingress.auth.Caller;
import io.sluice.ingress.auth.KeyDirectory;
import io.sluice.ingress.auth.PresentedKey;
import io.sluice.ingress.http.ApiException;
import io.sluice.ingress.http.ErrorResponses;
import io.sluice.records.ApiError;
import io.sluice.records.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Authentication and answers shared by the Files and Batch endpoints. */
final class Answers {

    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

    private final KeyDirectory keys;

    Answers(KeyDirectory keys) {
        this.keys = keys;
    }

    Caller authenticate(HttpServerRequest req) {
        String key = PresentedKey.from(req);
        if (key == null) {
            throw new ApiException(ApiError.missingKey());
        }
        return keys.find(key).orElseThrow(() -> new ApiException(keys.refusal(key)));
    }

    static void json(RoutingContext ctx, JsonNode body) {
        if (!ctx.response().ended()) {
            ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(Json.toBytes(body)));
        }
    }

    /** Answers with {@code result} once it is there, or with the error it failed with. */
    static void later(RoutingContext ctx, Future<JsonNode> result) {
        result.onComplete(ar -> {
            if (ar.succeeded()) {
                json(ctx, ar.result());
            } else {
                error(ctx, ar.cause());
            }
        });
    }

    static void error(RoutingContext ctx, Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ApiException api) {
            ErrorResponses.write(ctx.response(), api.error(), null);
        } else if (t instanceof IllegalStateException) {
            LOG.warn("batch API: {}", t.getMessage());
            ErrorResponses.write(ctx.response(), ApiError.kafkaUnavailable(1), null);
        } else {
            LOG.error("batch API failed", t);
            ErrorResponses.write(ctx.response(), ApiError.internal("(none)"), null);
        }
    }

    static ApiError noSuchFile(String id) {
        return new ApiError(404, "invalid_request_error", "file_not_found", "No such file: '" + id
                + "'. GET /v1/files lists your files.", "file_id", 0);
    }

    static ApiError noSuchBatch(String id) {
        return new ApiError(404, "invalid_request_error", "batch_not_found", "No such batch: '" + id
                + "'. GET /v1/batches lists your batches.", "batch_id", 0);
    }
}
