package io.sluice.simulator.http;

import io.sluice.simulator.openai.ApiError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Sends complete JSON answers, unless the client has already gone. */
public final class Replies {

    static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
    static final CharSequence TEXT_EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
    static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

    private Replies() {
    }

    public static void json(HttpServerResponse response, int status, String body) {
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(body);
    }

    public static void error(HttpServerResponse response, ApiError error) {
        json(response, error.status(), error.toJson());
    }

    public static void noContent(HttpServerResponse response) {
        response.setStatusCode(204).end();
    }
}
