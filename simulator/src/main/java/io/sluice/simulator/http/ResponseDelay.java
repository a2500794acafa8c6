package io.sluice.simulator.http;

import io.sluice.simulator.SimulatorControls;
import io.sluice.simulator.openai.ApiError;
import io.sluice.simulator.openai.RejectedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** Simulated latency: the per-request header or the current control value, waited for with a Vert.x timer. */
public final class ResponseDelay {

    /** Request header overriding the configured latency for one request. */
    public static final String LATENCY_HEADER = "x-sim-latency-ms";

    private ResponseDelay() {
    }

    /** The latency for this request, from {@value #LATENCY_HEADER} if present, else the controls. */
    public static long requested(HttpServerRequest request, SimulatorControls controls) {
        String header = request.getHeader(LATENCY_HEADER);
        if (header == null) {
            return controls.latencyMs();
        }
        try {
            long latency = Long.parseLong(header.trim());
            if (latency >= 0) {
                return latency;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new RejectedRequest(ApiError.invalidParam(LATENCY_HEADER,
                "Invalid '" + LATENCY_HEADER + "' header: expected an integer number of milliseconds >= 0."));
    }

    /** Runs {@code action} after {@code delayMs}, or at once when 0; skipped if the client has gone by then. */
    public static void after(Vertx vertx, HttpServerResponse response, long delayMs, Runnable action) {
        if (delayMs <= 0) {
            action.run();
            return;
        }
        vertx.setTimer(delayMs, id -> {
            if (!response.closed()) {
                action.run();
            }
        });
    }
}
