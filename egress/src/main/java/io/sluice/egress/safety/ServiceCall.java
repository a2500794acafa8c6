package io.sluice.egress.safety;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.records.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/** One JSON POST to a safety service with a hard time limit, on Vert.x's non-blocking client. */
final class ServiceCall {

    /** The service answered with something other than a 2xx JSON body, or could not be reached. */
    static final class ServiceException extends Exception {
        ServiceException(String message) {
            super(message, null, false, false);
        }
    }

    /** The time limit passed before the answer was in. */
    static final class ServiceTimeout extends Exception {
        ServiceTimeout(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpClient http;
    private final Vertx vertx;
    /** Every call runs on this one event loop, whatever thread asks for it (the check worker polls Kafka). */
    private final Context context;

    ServiceCall(HttpClient http, Vertx vertx) {
        this.http = http;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
    }

    /** POSTs {@code body}; fails with {@link ServiceTimeout} past {@code timeoutMs}, else {@link ServiceException}. */
    Future<JsonNode> post(SafetyService service, URI url, byte[] body, long timeoutMs) {
        Promise<JsonNode> result = Promise.promise();
        context.runOnContext(v -> send(service, url, body, timeoutMs, result));
        return result.future();
    }

    private void send(SafetyService service, URI url, byte[] body, long timeoutMs, Promise<JsonNode> result) {
        if (timeoutMs <= 0) {
            result.fail(new ServiceTimeout("no time left before the request's deadline"));
            return;
        }
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        long timer = vertx.setTimer(timeoutMs, id -> {
            if (result.tryFail(new ServiceTimeout("no answer from '" + service.id() + "' within " + timeoutMs
                    + " ms"))) {
                HttpClientRequest r = request.get();
                if (r != null) {
                    r.reset();
                }
            }
        });
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url.toString())
                .setConnectTimeout(Math.max(1, Math.min(service.connectTimeoutMs(), timeoutMs)))
                .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json");
        if (service.apiKey() != null) {
            if (service.kind() == SafetyService.Kind.AZURE_CONTENT_SAFETY) {
                options.putHeader("Ocp-Apim-Subscription-Key", service.apiKey().reveal());
            } else {
                options.putHeader("Authorization", "Bearer " + service.apiKey().reveal());
            }
        }
        http.request(options)
                .compose(req -> {
                    request.set(req);
                    return req.send(Buffer.buffer(body));
                })
                .compose(resp -> resp.body().map(buf -> {
                    if (resp.statusCode() / 100 != 2) {
                        throw new IllegalStateException("HTTP " + resp.statusCode() + " from '" + service.id() + "'"
                                + errorCode(buf.getBytes()));
                    }
                    try {
                        return Json.MAPPER.readTree(buf.getBytes());
                    } catch (IOException e) {
                        throw new IllegalStateException("'" + service.id() + "' answered with a body that is not JSON");
                    }
                }))
                .onComplete(ar -> {
                    vertx.cancelTimer(timer);
                    if (ar.succeeded()) {
                        result.tryComplete(ar.result());
                    } else {
                        Throwable cause = ar.cause();
                        String message = cause instanceof IllegalStateException ? cause.getMessage()
                                : "'" + service.id() + "' could not be reached: " + cause.getClass().getSimpleName();
                        result.tryFail(new ServiceException(message));
                    }
                });
    }

    /** The service's own error code, if its body has one (never the whole body: it may echo input). */
    private static String errorCode(byte[] body) {
        try {
            JsonNode code = Json.MAPPER.readTree(body).path("error").path("code");
            return code.isValueNode() ? " (" + code.asText() + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
