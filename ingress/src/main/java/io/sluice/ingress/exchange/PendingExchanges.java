package io.sluice.ingress.exchange;

import io.sluice.records.ApiError;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The exchanges this ingress instance holds open, by request id: bounded, each with a deadline
 * timer, each removed exactly once (answered, timed out, or abandoned by its client).
 */
public final class PendingExchanges {

    private final Map<String, Exchange> open = new ConcurrentHashMap<>();
    private final int max;
    private final boolean serverTiming;

    public PendingExchanges(int max, boolean serverTiming) {
        this.max = max;
        this.serverTiming = serverTiming;
    }

    public int size() {
        return open.size();
    }

    public boolean full() {
        return open.size() >= max;
    }

    /**
     * Opens an exchange; on its context, when {@code waitMs} passes without an answer, it ends with
     * a 504 built by {@code onTimeout}. {@code onAbandon} runs when the client disconnects first.
     */
    public Exchange open(String requestId, HttpServerResponse response, Context context, long waitMs,
            ApiError onTimeout, Consumer<String> onAbandon) {
        Exchange exchange = new Exchange(requestId, response, context, serverTiming, () -> open.remove(requestId));
        open.put(requestId, exchange);
        exchange.timer(context.owner().setTimer(Math.max(1, waitMs), id -> exchange.fail(onTimeout)));
        response.closeHandler(v -> {
            if (!exchange.isDone()) {
                exchange.abandon();
                open.remove(requestId);
                onAbandon.accept(requestId);
            }
        });
        return exchange;
    }

    public Exchange get(String requestId) {
        return open.get(requestId);
    }

    /** Ends an exchange that could not be queued. */
    public void failNow(String requestId, ApiError error) {
        Exchange e = open.get(requestId);
        if (e != null) {
            e.context().runOnContext(v -> e.fail(error));
        }
    }
}
