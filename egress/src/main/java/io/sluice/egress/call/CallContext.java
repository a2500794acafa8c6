package io.sluice.egress.call;

import io.sluice.egress.finish.FinishListener;
import io.sluice.egress.pool.LiveBackends;
import io.sluice.egress.reply.ReplyWriter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Clock;
import java.util.List;

/** What every request execution of one egress instance shares. */
public record CallContext(HttpClient http, Vertx vertx, ReplyWriter writer, Clock clock, LiveBackends backends,
        RetryPolicy retry, List<FinishListener> listeners) {

    public CallContext {
        listeners = List.copyOf(listeners);
    }
}
