package io.sluice.egress.call;

import io.sluice.egress.backend.BackendEndpoint;
import io.sluice.egress.backend.BodyRewriter;
import io.sluice.egress.finish.FinishListener;
import io.sluice.egress.reply.ReplyWriter;
import io.sluice.egress.sse.SseEventParser;
import io.sluice.egress.usage.CompletionCounter;
import io.sluice.egress.usage.TokenUsage;
import io.sluice.egress.usage.UsageScanner;
import io.sluice.records.ApiError;
import io.sluice.records.Hop;
import io.sluice.records.Micros;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyRecord;
import io.sluice.records.UsageEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's call to its backend, from the dispatch record to the last reply record and the
 * usage event. Runs entirely on one Vert.x event-loop context; {@link #cancel()} may be called
 * from any thread.
 */
public final class RequestExecution {

    private static final Logger LOG = LoggerFactory.getLogger(RequestExecution.class);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.UTF_8);

    private final PromptRecord prompt;
    private final Headers hops;
    private final BackendEndpoint backend;
    private final HttpClient http;
    private final Vertx vertx;
    private final Context context;
    private final ReplyWriter writer;
    private final Clock clock;
    private final Runnable onFinished;
    private final List<FinishListener> listeners;
    private FinishListener.Answer answer;
    private final List<byte[]> relayed = new ArrayList<>();

    private HttpClientRequest request;
    private long deadlineTimer = -1;
    private boolean finished;
    private int seq;
    private TokenUsage usage;
    private final List<byte[]> chunks = new ArrayList<>();
    private long firstChunkMicros = -1;
    private boolean doneSeen;

    public RequestExecution(PromptRecord prompt, Headers hops, BackendEndpoint backend, HttpClient http, Vertx vertx,
            Context context, ReplyWriter writer, Clock clock, Runnable onFinished,
            List<FinishListener> listeners) {
        this.prompt = prompt;
        this.hops = hops;
        this.backend = backend;
        this.http = http;
        this.vertx = vertx;
        this.context = context;
        this.writer = writer;
        this.clock = clock;
        this.onFinished = onFinished;
        this.listeners = listeners;
    }

    public String requestId() {
        return prompt.requestId();
    }

    /** Starts the call on this execution's context. */
    public void start() {
        context.runOnContext(v -> begin());
    }

    /** The client went away: abandon the call; no reply is written. */
    public void cancel() {
        context.runOnContext(v -> {
            if (!finished) {
                finish(499, "client_closed", null);
                abortHttp();
            }
        });
    }

    private void begin() {
        long remaining = prompt.deadlineEpochMs() - clock.millis();
        if (remaining <= 0) {
            fail(ApiError.deadlineExceeded(timeoutMs()));
            return;
        }
        deadlineTimer = vertx.setTimer(remaining, id -> onDeadline());
        Hop.BACKEND_START.stamp(hops, Micros.now(clock));
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(backend.url(prompt.operation()))
                .setConnectTimeout(Math.min(backend.connectTimeoutMs(), remaining))
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", prompt.stream() ? "text/event-stream" : "application/json");
        String auth = backend.authHeaderValue();
        if (auth != null) {
            options.putHeader(backend.authHeaderName(), auth);
        }
        byte[] body = BodyRewriter.forBackend(prompt, backend);
        http.request(options)
                .compose(req -> {
                    request = req;
                    if (finished) {
                        abortHttp();
                        return io.vertx.core.Future.failedFuture("abandoned");
                    }
                    return req.send(Buffer.buffer(body));
                })
                .onSuccess(this::onResponse)
                .onFailure(this::onTransportFailure);
    }

    private void onResponse(HttpClientResponse response) {
        if (finished) {
            return;
        }
        Hop.BACKEND_FIRST_BYTE.stamp(hops, Micros.now(clock));
        int status = response.statusCode();
        String contentType = response.getHeader("Content-Type");
        if (prompt.stream() && status / 100 == 2 && contentType != null && contentType.startsWith("text/event-stream")) {
            relayStream(response);
        } else {
            String retryAfter = response.getHeader("Retry-After");
            response.body()
                    .onSuccess(buf -> onWholeBody(status, retryAfter, buf.getBytes()))
                    .onFailure(this::onTransportFailure);
        }
    }

    private void onWholeBody(int status, String retryAfter, byte[] body) {
        if (finished) {
            return;
        }
        Hop.BACKEND_END.stamp(hops, Micros.now(clock));
        if (status / 100 == 2) {
            Optional<TokenUsage> found;
            try {
                found = UsageScanner.scan(body);
            } catch (IOException e) {
                fail(ApiError.backendError("backend '" + backend.id() + "' returned a body that is not valid JSON"));
                return;
            }
            usage = found.orElse(TokenUsage.NONE);
            answer = new FinishListener.Answer(status, body, null);
            writer.reply(prompt, hops, ReplyRecord.response(prompt.requestId(), status, prompt.responseHeaders(), body));
            finish(status, null, null);
        } else if (status / 100 == 4) {
            passThroughClientError(status, retryAfter, body);
        } else {
            fail(ApiError.backendError("backend '" + backend.id() + "' answered HTTP " + status));
        }
    }

    /** A backend's own 4xx reaches the client with its status and body (an OpenAI error, or wrapped into one). */
    private void passThroughClientError(int status, String retryAfter, byte[] body) {
        byte[] errorBody = body;
        String code = null;
        try {
            ApiError parsed = ApiError.fromJson(status, body);
            code = parsed.code();
        } catch (RuntimeException e) {
            errorBody = new ApiError(status, "invalid_request_error", "backend_error",
                    "The model backend rejected the request with HTTP " + status + ".", null, 0).toJsonBytes();
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>(prompt.responseHeaders());
        if (retryAfter != null) {
            headers.put("retry-after", retryAfter);
        }
        writer.reply(prompt, hops, new ReplyRecord(prompt.requestId(), io.sluice.records.ReplyKind.ERROR, status, 0,
                headers, errorBody));
        finish(status, code == null ? "backend_" + status : code, null);
    }

    private void relayStream(HttpClientResponse response) {
        SseEventParser parser = new SseEventParser(this::onEvent);
        response.handler(buf -> {
            if (!finished) {
                parser.feed(buf.getBytes());
            }
        });
        response.exceptionHandler(this::onTransportFailure);
        response.endHandler(v -> {
            if (finished) {
                return;
            }
            parser.finish();
            if (!finished) {
                endStream();
            }
        });
    }

    private void onEvent(byte[] data) {
        if (finished || doneSeen) {
            return;
        }
        if (java.util.Arrays.equals(data, DONE)) {
            doneSeen = true;
            endStream();
            return;
        }
        boolean usageChunk = false;
        if (UsageScanner.carriesUsage(data)) {
            try {
                Optional<TokenUsage> found = UsageScanner.scan(data);
                if (found.isPresent()) {
                    usage = found.get();
                    usageChunk = isUsageOnly(data);
                }
            } catch (IOException e) {
                // relayed as is; the client sees what the backend sent
            }
        }
        if (usageChunk && !prompt.includeUsage()) {
            return;
        }
        if (firstChunkMicros < 0) {
            firstChunkMicros = Micros.now(clock);
        }
        if (usage == null) {
            chunks.add(data);
        }
        if (!listeners.isEmpty()) {
            relayed.add(data);
        }
        writer.reply(prompt, hops, ReplyRecord.chunk(prompt.requestId(), seq, seq == 0 ? prompt.responseHeaders()
                : Map.of(), data));
        seq++;
    }

    private static boolean isUsageOnly(byte[] chunk) {
        try {
            var choices = io.sluice.records.Json.MAPPER.readTree(chunk).path("choices");
            return choices.isArray() && choices.isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private void endStream() {
        Hop.BACKEND_END.stamp(hops, Micros.now(clock));
        if (usage == null) {
            usage = new TokenUsage(0, CompletionCounter.countChunks(prompt.model(), chunks), null);
        }
        writer.reply(prompt, hops, ReplyRecord.end(prompt.requestId(), seq++));
        answer = new FinishListener.Answer(200, null, List.copyOf(relayed));
        finish(200, null, null);
    }

    private void onTransportFailure(Throwable cause) {
        if (finished) {
            return;
        }
        LOG.debug("request {}: backend {} failed: {}", prompt.requestId(), backend.id(), cause.toString());
        String detail = seq > 0
                ? "backend '" + backend.id() + "' closed the stream before it ended"
                : "could not get an answer from backend '" + backend.id() + "' (" + describe(cause) + ")";
        fail(ApiError.backendError(detail));
    }

    private static String describe(Throwable cause) {
        String name = cause.getClass().getSimpleName();
        if (name.contains("Connect")) {
            return "connection refused or unreachable";
        }
        if (name.contains("Timeout")) {
            return "timed out";
        }
        return "connection closed";
    }

    private void onDeadline() {
        deadlineTimer = -1;
        if (!finished) {
            fail(ApiError.deadlineExceeded(timeoutMs()));
            abortHttp();
        }
    }

    private long timeoutMs() {
        long received = Hop.INGRESS_RECEIVED.read(hops) / 1000;
        return received > 0 ? prompt.deadlineEpochMs() - received : 0;
    }

    private void fail(ApiError error) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(prompt.responseHeaders());
        if (error.retryAfterSeconds() > 0) {
            headers.put("retry-after", Long.toString(error.retryAfterSeconds()));
        }
        writer.reply(prompt, hops, ReplyRecord.error(prompt.requestId(), error, headers));
        if (usage == null && !chunks.isEmpty()) {
            usage = new TokenUsage(0, CompletionCounter.countChunks(prompt.model(), chunks), null);
        }
        finish(error.status(), error.code(), null);
    }

    /** Resets the backend call; call after the outcome is settled, as the reset reports a failure. */
    private void abortHttp() {
        if (request != null) {
            request.reset();
        }
    }

    private void finish(int status, String errorCode, String cache) {
        if (finished) {
            return;
        }
        finished = true;
        if (deadlineTimer >= 0) {
            vertx.cancelTimer(deadlineTimer);
        }
        long now = Micros.now(clock);
        long received = Hop.INGRESS_RECEIVED.read(hops);
        TokenUsage u = usage == null ? TokenUsage.NONE : usage;
        UsageEvent event = UsageEvent.builder()
                .from(prompt)
                .backend(backend.id())
                .status(status)
                .errorCode(errorCode)
                .promptTokens(u.promptTokens())
                .completionTokens(u.completionTokens())
                .cachedTokens(u.cachedTokens())
                .cache(cache)
                .latencyMs(received > 0 ? (now - received) / 1000.0 : 0)
                .ttftMs(prompt.stream() && firstChunkMicros > 0 && received > 0
                        ? (firstChunkMicros - received) / 1000.0 : null)
                .timestamp(Instant.now(clock).toString())
                .build();
        writer.usage(event);
        for (FinishListener l : listeners) {
            try {
                l.finished(prompt, event, status / 100 == 2 ? answer : null);
            } catch (RuntimeException e) {
                LOG.error("request {}: finish listener failed", prompt.requestId(), e);
            }
        }
        onFinished.run();
    }
}
