package io.sluice.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.function.LongSupplier;

/** Sends the template request once and turns whatever happens into a {@link RequestOutcome}; never fails. */
final class HttpExchange {
    private final HttpClient client;
    private final RequestOptions options;
    private final Buffer body;
    private final boolean stream;
    private final LongSupplier clock;

    HttpExchange(HttpClient client, RequestTemplate template, long timeoutMs, LongSupplier clock) {
        this.client = client;
        this.options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(template.url())
                .setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs)
                .putHeader("content-type", "application/json").putHeader("accept",
                        template.stream() ? "text/event-stream" : "application/json");
        template.headers().forEach(options::putHeader);
        this.body = Buffer.buffer(template.body());
        this.stream = template.stream();
        this.clock = clock;
    }

    Future<RequestOutcome> send(long intendedNanos) {
        return client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> read(response, intendedNanos))
                .recover(error -> Future.succeededFuture(RequestOutcome.failure(intendedNanos, clock.getAsLong(), 0,
                        ErrorKinds.of(error), null)));
    }

    /** Sends once and returns the status and the start of the body, to check a target before loading it. */
    Future<String> probe() {
        return client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(b -> {
                    String text = b.toString();
                    String head = text.length() > 300 ? text.substring(0, 300) + "..." : text;
                    return response.statusCode() + " " + head.replace('\n', ' ');
                }));
    }

    private Future<RequestOutcome> read(HttpClientResponse response, long intendedNanos) {
        String serverTiming = response.getHeader("server-timing");
        int status = response.statusCode();
        if (status != 200) {
            return response.body().map(ignored -> RequestOutcome.failure(intendedNanos, clock.getAsLong(), status,
                    ErrorKinds.ofStatus(status), serverTiming));
        }
        if (!stream) {
            return response.body().map(b -> {
                long end = clock.getAsLong();
                return b.toString().contains("\"choices\"")
                        ? RequestOutcome.success(intendedNanos, end, RequestOutcome.NO_TOKEN, serverTiming)
                        : RequestOutcome.failure(intendedNanos, end, status, ErrorKinds.BAD_BODY, serverTiming);
            });
        }
        Promise<RequestOutcome> done = Promise.promise();
        SseContentDetector detector = new SseContentDetector();
        long[] firstToken = {RequestOutcome.NO_TOKEN};
        response.handler(chunk -> {
            if (firstToken[0] == RequestOutcome.NO_TOKEN && detector.feed(chunk.getBytes())) {
                firstToken[0] = clock.getAsLong();
            }
        });
        response.exceptionHandler(done::tryFail);
        response.endHandler(v -> {
            long end = clock.getAsLong();
            done.tryComplete(firstToken[0] == RequestOutcome.NO_TOKEN
                    ? RequestOutcome.failure(intendedNanos, end, status, ErrorKinds.STREAM_WITHOUT_CONTENT, serverTiming)
                    : RequestOutcome.success(intendedNanos, end, firstToken[0], serverTiming));
        });
        return done.future();
    }
}
