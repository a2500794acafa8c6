package io.sluice.simulator.http;

import io.sluice.simulator.FaultRule;
import io.sluice.simulator.openai.ApiError;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Answers a request with an injected fault instead of the normal answer. */
final class FaultResponder {

    /** A chat completion cut off in the middle of a string. */
    static final String MALFORMED_JSON =
            "{\"id\":\"chatcmpl-malformed\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"co";
    static final String MALFORMED_EVENTS =
            "data: {\"id\":\"chatcmpl-malformed\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"delta\n\n"
                    + "data: [DONE]\n\n";

    private FaultResponder() {
    }

    /**
     * Answers with the fault and returns true, or returns false for faults that only change how the normal answer
     * is sent (SLOW adds to {@code delayMs}, DROP_MID_STREAM cuts the stream).
     */
    static boolean answer(Vertx vertx, RoutingContext ctx, FaultRule fault, long delayMs, boolean streaming) {
        HttpServerResponse response = ctx.response();
        switch (fault.kind()) {
            case STATUS -> ResponseDelay.after(vertx, response, delayMs, () -> {
                if (fault.retryAfterSeconds() > 0) {
                    response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(fault.retryAfterSeconds()));
                }
                Replies.error(response, ApiError.simulatedStatus(fault.status()));
            });
            case TIMEOUT -> {
                if (fault.delayMs() > 0) {
                    vertx.setTimer(fault.delayMs(), id -> ctx.request().connection().close());
                }
            }
            case DROP -> ctx.request().connection().close();
            case MALFORMED -> ResponseDelay.after(vertx, response, delayMs, () -> {
                if (streaming) {
                    response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, Replies.TEXT_EVENT_STREAM)
                            .end(MALFORMED_EVENTS);
                } else {
                    response.putHeader(HttpHeaders.CONTENT_TYPE, Replies.APPLICATION_JSON).end(MALFORMED_JSON);
                }
            });
            case SLOW, DROP_MID_STREAM -> {
                return false;
            }
        }
        return true;
    }
}
