package io.sluice.egress.call;

import io.sluice.egress.finish.FinishListener;
import io.sluice.egress.observe.CallObserver;
import io.sluice.egress.pool.LiveBackends;
import io.sluice.egress.reply.ReplySink;
import io.sluice.egress.safety.ResponseGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Clock;
import java.util.List;

/**
 * What every request execution of one egress instance shares; {@code observer} learns of every
 * backend call; {@code guard} checks answers for content safety, or is null when no policy does.
 */
public record CallContext(HttpClient http, Vertx vertx, ReplySink writer, Clock clock, LiveBackends backends,
        RetryPolicy retry, List<FinishListener> listeners, CallObserver observer, ResponseGuard guard) {

    /** A context whose answers no safety policy checks. */
    public CallContext(HttpClient http, Vertx vertx, ReplySink writer, Clock clock, LiveBackends backends,
            RetryPolicy retry, List<FinishListener> listeners, CallObserver observer) {
        this(http, vertx, writer, clock, backends, retry, listeners, observer, null);
    }

    /** A context whose backend calls nobody observes. */
    public CallContext(HttpClient http, Vertx vertx, ReplySink writer, Clock clock, LiveBackends backends,
            RetryPolicy retry, List<FinishListener> listeners) {
        this(http, vertx, writer, clock, backends, retry, listeners, CallObserver.NONE, null);
    }

    public CallContext {
        listeners = List.copyOf(listeners);
        observer = observer == null ? CallObserver.NONE : observer;
    }
}
