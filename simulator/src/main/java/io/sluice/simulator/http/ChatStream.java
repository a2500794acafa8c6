package io.sluice.simulator.http;

import io.sluice.simulator.completion.ChatAnswer;
import io.sluice.simulator.completion.ChatCompletionJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * Sends one streamed answer as server-sent events, paced by timers at the configured tokens per second, and
 * optionally cut off after a number of events. Runs on one event loop; never blocks.
 */
final class ChatStream {

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final HttpConnection connection;
    private final ChatCompletionJson json;
    private final ChatAnswer answer;
    private final double tokensPerSecond;
    private final boolean includeUsage;
    private final int dropAfterEvents;
    private final StringBuilder pending = new StringBuilder(4096);
    private int sentTokens;
    private int events;
    private long startNanos;

    /** @param dropAfterEvents close the connection after this many events; -1 never */
    ChatStream(Vertx vertx, HttpServerResponse response, HttpConnection connection, ChatCompletionJson json,
            ChatAnswer answer, double tokensPerSecond, boolean includeUsage, int dropAfterEvents) {
        this.vertx = vertx;
        this.response = response;
        this.connection = connection;
        this.json = json;
        this.answer = answer;
        this.tokensPerSecond = tokensPerSecond;
        this.includeUsage = includeUsage;
        this.dropAfterEvents = dropAfterEvents;
    }

    /** Starts streaming once {@code delayMs} has passed. */
    void startAfter(long delayMs) {
        ResponseDelay.after(vertx, response, delayMs, this::begin);
    }

    private void begin() {
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, Replies.TEXT_EVENT_STREAM)
                .putHeader(HttpHeaders.CACHE_CONTROL, Replies.NO_CACHE);
        startNanos = System.nanoTime();
        if (append(EventKind.ROLE, null)) {
            sendDueTokens();
        }
    }

    private void sendDueTokens() {
        if (response.closed()) {
            return;
        }
        String[] pieces = answer.pieces();
        int due = tokensPerSecond <= 0
                ? pieces.length
                : Math.min(pieces.length, 1 + (int) (elapsedMillis() * tokensPerSecond / 1000));
        while (sentTokens < due) {
            if (!append(EventKind.TOKEN, pieces[sentTokens++])) {
                return;
            }
        }
        if (sentTokens < pieces.length) {
            response.write(takePending());
            double nextDueMillis = sentTokens * 1000 / tokensPerSecond;
            long wait = Math.max(1, (long) Math.ceil(nextDueMillis - elapsedMillis()));
            vertx.setTimer(wait, id -> sendDueTokens());
            return;
        }
        finish();
    }

    private void finish() {
        if (!append(EventKind.FINISH, null)) {
            return;
        }
        if (includeUsage && !append(EventKind.USAGE, null)) {
            return;
        }
        if (dropAfterEvents >= 0) {
            drop();
            return;
        }
        pending.append(ChatCompletionJson.DONE_EVENT);
        response.end(takePending());
    }

    /** Queues an event, or cuts the stream instead when the drop point is reached. */
    private boolean append(EventKind kind, String piece) {
        if (dropAfterEvents >= 0 && events >= dropAfterEvents) {
            drop();
            return false;
        }
        switch (kind) {
            case ROLE -> json.appendRoleEvent(pending);
            case TOKEN -> json.appendTokenEvent(pending, piece);
            case FINISH -> json.appendFinishEvent(pending, answer.finishReason());
            case USAGE -> json.appendUsageEvent(pending, answer);
        }
        events++;
        return true;
    }

    private void drop() {
        Future<Void> written = pending.length() > 0 ? response.write(takePending())
                : response.headWritten() ? Future.succeededFuture() : response.writeHead();
        written.onComplete(ar -> connection.close());
    }

    private String takePending() {
        String text = pending.toString();
        pending.setLength(0);
        return text;
    }

    private double elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }

    private enum EventKind { ROLE, TOKEN, FINISH, USAGE }
}
