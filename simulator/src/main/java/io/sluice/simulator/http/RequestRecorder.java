package io.sluice.simulator.http;

import io.sluice.simulator.ReceivedRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Logs every request outside the control API and counts its response status once the body is sent. */
final class RequestRecorder {

    private final SimulatorState state;

    RequestRecorder(SimulatorState state) {
        this.state = state;
    }

    void record(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!request.path().startsWith(SimulatorRoutes.CONTROL_PREFIX)) {
            String body = ctx.body().available() ? ctx.body().asString() : null;
            state.requests().add(new ReceivedRequest(request.method().name(), request.uri(),
                    lowerCaseHeaders(request.headers()), body == null ? "" : body, System.currentTimeMillis()));
            state.stats().requestReceived();
            ctx.addBodyEndHandler(v -> state.stats().responseSent(ctx.response().getStatusCode()));
        }
        ctx.next();
    }

    private static Map<String, String> lowerCaseHeaders(MultiMap headers) {
        Map<String, String> lowerCase = new HashMap<>(headers.size() * 2);
        for (Map.Entry<String, String> header : headers) {
            lowerCase.merge(header.getKey().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + ", " + b);
        }
        return lowerCase;
    }
}
