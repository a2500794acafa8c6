package io.sluice.egress.health;

import io.sluice.egress.pool.LiveBackend;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;

/**
 * Calls one backend's health path every interval, and opens its breaker after enough failures in
 * a row (closing it again after enough successes), so a dead backend is avoided before any
 * request has to find out.
 */
public final class ActiveHealthCheck implements AutoCloseable {

    /** The last check, for operators. */
    public record Status(long checkedAtMs, boolean ok, String detail) {
    }

    private final LiveBackend backend;
    private final HealthCheckSettings settings;
    private final HttpClient http;
    private final Vertx vertx;
    private final Clock clock;
    private long timer = -1;
    private boolean checking;
    private int failuresInARow;
    private int successesInARow;
    private volatile Status last;

    public ActiveHealthCheck(LiveBackend backend, HealthCheckSettings settings, HttpClient http, Vertx vertx,
            Clock clock) {
        this.backend = backend;
        this.settings = settings;
        this.http = http;
        this.vertx = vertx;
        this.clock = clock;
    }

    public void start() {
        timer = vertx.setPeriodic(settings.intervalMs(), id -> check());
    }

    /** The last check, or null before the first. */
    public Status last() {
        return last;
    }

    private void check() {
        if (checking) {
            return;
        }
        checking = true;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(backend.endpoint().healthUrl(settings.path()))
                .setConnectTimeout(settings.timeoutMs());
        String auth = backend.endpoint().authHeaderValue();
        if (auth != null) {
            options.putHeader(backend.endpoint().authHeaderName(), auth);
        }
        HttpClientRequest[] sent = new HttpClientRequest[1];
        long timeout = vertx.setTimer(settings.timeoutMs(), id -> {
            if (sent[0] != null) {
                sent[0].reset();
            }
        });
        http.request(options)
                .compose(req -> {
                    sent[0] = req;
                    return req.send();
                })
                .compose(resp -> resp.body().map(b -> resp.statusCode()))
                .onComplete(result -> {
                    vertx.cancelTimer(timeout);
                    checking = false;
                    if (result.succeeded() && result.result() / 100 == 2) {
                        record(true, "HTTP " + result.result());
                    } else {
                        record(false, result.succeeded() ? "HTTP " + result.result() : "no answer");
                    }
                });
    }

    private void record(boolean ok, String detail) {
        last = new Status(clock.millis(), ok, detail);
        if (ok) {
            failuresInARow = 0;
            successesInARow++;
            if (successesInARow >= settings.healthyThreshold()) {
                backend.breaker().closeByHealthCheck("health check passed " + successesInARow + " times in a row");
            }
        } else {
            successesInARow = 0;
            failuresInARow++;
            if (failuresInARow >= settings.unhealthyThreshold()) {
                backend.breaker().openByHealthCheck("health check failed " + failuresInARow + " times in a row ("
                        + detail + ")");
            }
        }
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
