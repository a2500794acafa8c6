package io.sluice.ingress.http;

import io.sluice.records.ApiError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes an {@link ApiError} as the client's HTTP response. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static void write(HttpServerResponse response, ApiError error, String requestId) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(error.status()).putHeader("Content-Type", "application/json");
        if (error.retryAfterSeconds() > 0) {
            response.putHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        if (requestId != null) {
            response.putHeader("x-request-id", requestId);
        }
        response.end(Buffer.buffer(error.toJsonBytes()));
    }
}
