package io.sluice.egress.call;

import io.sluice.egress.backend.BackendEndpoint;
import io.sluice.egress.backend.BodyRewriter;
import io.sluice.egress.pool.LiveBackend;
import io.sluice.egress.pool.Selection;
import io.sluice.egress.sse.SseEventParser;
import io.sluice.egress.usage.TokenUsage;
import io.sluice.egress.usage.UsageScanner;
import io.sluice.records.Micros;
import io.sluice.records.PromptRecord;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;

/**
 * One call of a request to one backend. Reports exactly one outcome to its listener (an answer,
 * the end of a stream, or a failure), unless it is aborted first; stream events come before that.
 * Runs on its request's event-loop context.
 */
final class BackendAttempt {

    /** Learns what the call did; every method runs on the request's context. */
    interface Listener {
        void answered(BackendAttempt attempt, int status, byte[] body, TokenUsage usage);

        /** One SSE data payload of a streamed answer, in order. */
        void event(BackendAttempt attempt, byte[] data);

        void streamEnded(BackendAttempt attempt);

        void failed(BackendAttempt attempt, AttemptFailure failure);
    }

    private final PromptRecord prompt;
    private final Selection.Chosen chosen;
    private final CallContext ctx;
    private final Listener listener;
    private final long startedMicros;
    private HttpClientRequest request;
    private long firstByteTimer = -1;
    private long firstByteMicros = -1;
    private long firstEventMicros = -1;
    private boolean over;

    BackendAttempt(PromptRecord prompt, Selection.Chosen chosen, CallContext ctx, Listener listener) {
        this.prompt = prompt;
        this.chosen = chosen;
        this.ctx = ctx;
        this.listener = listener;
        this.startedMicros = Micros.now(ctx.clock());
    }

    LiveBackend backend() {
        return chosen.backend();
    }

    Selection.Chosen chosen() {
        return chosen;
    }

    long startedMicros() {
        return startedMicros;
    }

    /** When the response began, or -1. */
    long firstByteMicros() {
        return firstByteMicros;
    }

    /** When the first stream event arrived, or -1. */
    long firstEventMicros() {
        return firstEventMicros;
    }

    /** Sends the call; {@code extraHeaders} go with it (the trace context). */
    void start(long remainingMs, java.util.Map<String, String> extraHeaders) {
        BackendEndpoint endpoint = chosen.backend().endpoint();
        long firstByteTimeout = chosen.backend().policy().firstByteTimeoutMs();
        if (firstByteTimeout > 0 && firstByteTimeout < remainingMs) {
            firstByteTimer = ctx.vertx().setTimer(firstByteTimeout, id -> {
                firstByteTimer = -1;
                if (!over && firstByteMicros < 0) {
                    fail(AttemptFailure.of(AttemptFailure.Kind.TIMEOUT, "no answer within " + firstByteTimeout
                            + " ms"));
                    reset();
                }
            });
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(endpoint.url(prompt.operation()))
                .setConnectTimeout(Math.max(1, Math.min(endpoint.connectTimeoutMs(), remainingMs)))
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", prompt.stream() ? "text/event-stream" : "application/json");
        extraHeaders.forEach(options::putHeader);
        String auth = endpoint.authHeaderValue();
        if (auth != null) {
            options.putHeader(endpoint.authHeaderName(), auth);
        }
        byte[] body = BodyRewriter.forBackend(prompt, endpoint);
        ctx.http().request(options)
                .compose(req -> {
                    request = req;
                    if (over) {
                        req.reset();
                        return Future.<HttpClientResponse>failedFuture("abandoned");
                    }
                    return req.send(Buffer.buffer(body));
                })
                .onSuccess(this::onResponse)
                .onFailure(this::onTransportFailure);
    }

    /** Abandons the call (the request ended otherwise); no outcome is reported. */
    void abort() {
        if (over) {
            return;
        }
        over = true;
        cancelTimer();
        reset();
    }

    /** The stream's last event arrived; the rest of the response is not needed. */
    void complete() {
        over = true;
        cancelTimer();
    }

    private void onResponse(HttpClientResponse response) {
        if (over) {
            return;
        }
        firstByteMicros = Micros.now(ctx.clock());
        cancelTimer();
        int status = response.statusCode();
        String contentType = response.getHeader("Content-Type");
        if (prompt.stream() && status / 100 == 2 && contentType != null
                && contentType.startsWith("text/event-stream")) {
            relayStream(response);
            return;
        }
        String retryAfter = response.getHeader("Retry-After");
        String retryAfterMs = response.getHeader("retry-after-ms");
        response.body()
                .onSuccess(buf -> onWholeBody(status, retryAfter, retryAfterMs, buf.getBytes()))
                .onFailure(this::onTransportFailure);
    }

    private void onWholeBody(int status, String retryAfter, String retryAfterMs, byte[] body) {
        if (over) {
            return;
        }
        if (status / 100 != 2) {
            fail(AttemptFailure.status(status, RetryAfter.millis(retryAfter, retryAfterMs, ctx.clock().millis()),
                    retryAfter, body));
            return;
        }
        TokenUsage usage;
        try {
            usage = UsageScanner.scan(body).orElse(TokenUsage.NONE);
        } catch (IOException e) {
            fail(AttemptFailure.of(AttemptFailure.Kind.MALFORMED, "returned a body that is not valid JSON"));
            return;
        }
        over = true;
        listener.answered(this, status, body, usage);
    }

    private void relayStream(HttpClientResponse response) {
        SseEventParser parser = new SseEventParser(data -> {
            if (!over) {
                if (firstEventMicros < 0) {
                    firstEventMicros = Micros.now(ctx.clock());
                }
                listener.event(this, data);
            }
        });
        response.handler(buf -> {
            if (!over) {
                parser.feed(buf.getBytes());
            }
        });
        response.exceptionHandler(this::onTransportFailure);
        response.endHandler(v -> {
            if (over) {
                return;
            }
            parser.finish();
            if (!over) {
                over = true;
                listener.streamEnded(this);
            }
        });
    }

    private void onTransportFailure(Throwable cause) {
        if (over) {
            return;
        }
        String name = cause.getClass().getSimpleName();
        if (name.contains("Timeout")) {
            fail(AttemptFailure.of(AttemptFailure.Kind.TIMEOUT, "timed out"));
        } else if (name.contains("Connect")) {
            fail(AttemptFailure.of(AttemptFailure.Kind.CONNECTION, "connection refused or unreachable"));
        } else {
            fail(AttemptFailure.of(AttemptFailure.Kind.CONNECTION, "connection closed"));
        }
    }

    private void fail(AttemptFailure failure) {
        over = true;
        cancelTimer();
        listener.failed(this, failure);
    }

    private void cancelTimer() {
        if (firstByteTimer >= 0) {
            ctx.vertx().cancelTimer(firstByteTimer);
            firstByteTimer = -1;
        }
    }

    private void reset() {
        if (request != null) {
            request.reset();
        }
    }
}
