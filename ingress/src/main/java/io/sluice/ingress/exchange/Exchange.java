package io.sluice.ingress.exchange;

import io.sluice.ingress.http.ErrorResponses;
import io.sluice.records.ApiError;
import io.sluice.records.ReplyRecord;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * One client's HTTP exchange waiting for its reply records. Touched only on its own Vert.x
 * context: the reply listener hands records over with {@link #deliver}.
 */
public final class Exchange {

    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final String requestId;
    private final HttpServerResponse response;
    private final Context context;
    private final boolean serverTiming;
    private final Runnable onDone;
    private long timerId = -1;
    private int nextSeq;
    private boolean streaming;
    private boolean done;

    Exchange(String requestId, HttpServerResponse response, Context context, boolean serverTiming, Runnable onDone) {
        this.requestId = requestId;
        this.response = response;
        this.context = context;
        this.serverTiming = serverTiming;
        this.onDone = onDone;
    }

    public String requestId() {
        return requestId;
    }

    public Context context() {
        return context;
    }

    void timer(long id) {
        this.timerId = id;
    }

    /** Handles one reply record; call on this exchange's context. */
    public void deliver(ReplyRecord reply, HopTimings timings) {
        if (done) {
            return;
        }
        switch (reply.kind()) {
            case RESPONSE -> respond(reply, timings, "application/json");
            case ERROR -> {
                if (streaming) {
                    writeEvent(reply.body());
                    finishStream(false);
                } else {
                    respond(reply, timings, "application/json");
                }
            }
            case CHUNK -> chunk(reply, timings);
            case END -> finishStream(true);
        }
    }

    /** Ends the exchange with an error produced by ingress itself (deadline, Kafka unavailable). */
    public void fail(ApiError error) {
        if (done) {
            return;
        }
        if (streaming) {
            writeEvent(error.toJsonBytes());
            finishStream(false);
            return;
        }
        ErrorResponses.write(response, error, requestId);
        complete();
    }

    private void respond(ReplyRecord reply, HopTimings timings, String contentType) {
        response.setStatusCode(reply.status()).putHeader("Content-Type", contentType);
        headers(reply, timings);
        response.end(Buffer.buffer(reply.body()));
        complete();
    }

    private void chunk(ReplyRecord reply, HopTimings timings) {
        if (reply.seq() < nextSeq) {
            return;
        }
        nextSeq = reply.seq() + 1;
        if (!streaming) {
            streaming = true;
            response.setStatusCode(200)
                    .putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-cache")
                    .setChunked(true);
            headers(reply, timings);
        }
        writeEvent(reply.body());
    }

    private void headers(ReplyRecord reply, HopTimings timings) {
        response.putHeader("x-request-id", requestId);
        reply.responseHeaders().forEach(response::putHeader);
        if (serverTiming && timings != null) {
            response.putHeader("Server-Timing", timings.serverTimingHeader());
        }
    }

    private void writeEvent(byte[] data) {
        if (response.closed()) {
            return;
        }
        Buffer b = Buffer.buffer(DATA.length + data.length + EVENT_END.length);
        b.appendBytes(DATA).appendBytes(data).appendBytes(EVENT_END);
        response.write(b);
    }

    private void finishStream(boolean withDone) {
        if (!streaming) {
            response.setStatusCode(200).putHeader("Content-Type", "text/event-stream").setChunked(true);
            response.putHeader("x-request-id", requestId);
            streaming = true;
        }
        if (!response.closed()) {
            if (withDone) {
                response.end(DONE);
            } else {
                response.end();
            }
        }
        complete();
    }

    private void complete() {
        done = true;
        if (timerId >= 0) {
            context.owner().cancelTimer(timerId);
        }
        onDone.run();
    }

    /** True once the exchange has ended; later records for it are ignored. */
    public boolean isDone() {
        return done;
    }

    /** The client went away before the reply: stop waiting without writing anything. */
    void abandon() {
        if (!done) {
            done = true;
            if (timerId >= 0) {
                context.owner().cancelTimer(timerId);
            }
        }
    }
}
