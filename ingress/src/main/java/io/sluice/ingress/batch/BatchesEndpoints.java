package io.sluice.ingress.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.ingress.auth.Caller;
import io.sluice.ingress.http.ApiException;
import io.sluice.ingress.http.ErrorResponses;
import io.sluice.records.ApiError;
import io.sluice.records.Attributes;
import io.sluice.records.Json;
import io.sluice.records.TopicNames;
import io.sluice.records.batch.BatchFile;
import io.sluice.records.batch.BatchIds;
import io.sluice.records.batch.BatchInputLine;
import io.sluice.records.batch.BatchObject;
import io.sluice.records.batch.BatchState;
import io.sluice.records.batch.CompletionWindow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Batch API: {@code POST /v1/batches}, {@code GET /v1/batches[/{id}]} and {@code POST
 * /v1/batches/{id}/cancel}. Creating a batch reads its input file and puts the batch and all its
 * lines on Kafka in one transaction; the processors pace the lines and keep the batch's status and
 * counts on the batch state topic, which every ingress instance follows.
 */
final class BatchesEndpoints {

    static final int MAX_METADATA_KEYS = 16;

    private final Answers answers;
    private final BatchViews views;
    private final BatchStore store;
    private final TopicNames topics;
    private final Clock clock;

    BatchesEndpoints(Answers answers, BatchViews views, BatchStore store, TopicNames topics, Clock clock) {
        this.answers = answers;
        this.views = views;
        this.store = store;
        this.topics = topics;
        this.clock = clock;
    }

    void mount(Router router, Vertx vertx) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024).setHandleFileUploads(false);
        router.post("/v1/batches").handler(body).handler(ctx -> create(ctx, vertx));
        router.get("/v1/batches").handler(this::list);
        router.get("/v1/batches/:id").handler(this::retrieve);
        router.post("/v1/batches/:id/cancel").handler(body).handler(ctx -> cancel(ctx, vertx));
    }

    private record Request(BatchFile file, String endpoint, String window, Duration duration,
            Map<String, String> metadata) {
    }

    private void create(RoutingContext ctx, Vertx vertx) {
        try {
            Caller caller = answers.authenticate(ctx.request());
            Request r = read(ctx, caller);
            long now = clock.millis();
            String batchId = BatchIds.newBatchId();
            long expiresAt = now + r.duration().toMillis();
            Map<String, String> attributes = attributes(ctx.request(), caller);
            Answers.later(ctx, vertx.executeBlocking(() -> {
                List<JsonlCheck.Line> lines = JsonlCheck.lines(store.content(r.file()));
                BatchState state = new BatchState(BatchObject.created(batchId, r.endpoint(), r.file().id(), r.window(),
                        now / 1000, expiresAt / 1000, lines.size(), r.metadata()), caller.subscriptionId(),
                        caller.keyId(), attributes.get(Attributes.COUNTER_KEY), false, System.currentTimeMillis());
                store.createBatch(state, LineRecords.of(lines, batchId, r.endpoint(), caller, expiresAt, attributes,
                        topics)).join();
                views.remember(state);
                return OpenAiObjects.batch(state);
            }, false));
        } catch (ApiException e) {
            ErrorResponses.write(ctx.response(), e.error(), null);
        }
    }

    private Request read(RoutingContext ctx, Caller caller) {
        JsonNode body;
        try {
            byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
            body = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new ApiException(ApiError.invalidJson(e.getMessage().split("\n")[0]));
        }
        if (body == null || !body.isObject()) {
            throw new ApiException(ApiError.invalidRequest(null, "Send a JSON object with input_file_id, endpoint "
                    + "and completion_window."));
        }
        String fileId = body.path("input_file_id").asText(null);
        if (fileId == null || fileId.isBlank()) {
            throw new ApiException(ApiError.invalidRequest("input_file_id",
                    "Missing input_file_id: upload the JSONL with POST /v1/files (purpose batch) and pass its id."));
        }
        BatchFile file = views.file(fileId, caller.subscriptionId());
        if (file == null) {
            throw new ApiException(Answers.noSuchFile(fileId));
        }
        String endpoint = body.path("endpoint").asText(null);
        if (BatchInputLine.operationOf(endpoint) == null) {
            throw new ApiException(ApiError.invalidRequest("endpoint", "endpoint must be "
                    + BatchInputLine.CHAT_URL + " or " + BatchInputLine.EMBEDDINGS_URL + " (got "
                    + body.path("endpoint") + ")."));
        }
        String window = body.path("completion_window").asText(null);
        Duration duration = CompletionWindow.parse(window);
        if (duration == null) {
            throw new ApiException(ApiError.invalidRequest("completion_window", "completion_window must be "
                    + CompletionWindow.rule() + " (got " + body.path("completion_window") + ")."));
        }
        return new Request(file, endpoint, window, duration, metadata(body.get("metadata")));
    }

    private static Map<String, String> metadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject() || node.size() > MAX_METADATA_KEYS) {
            throw new ApiException(ApiError.invalidRequest("metadata", "metadata must be an object of at most "
                    + MAX_METADATA_KEYS + " string values."));
        }
        Map<String, String> out = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getValue().isTextual()) {
                throw new ApiException(ApiError.invalidRequest("metadata", "metadata." + f.getKey()
                        + " must be a string."));
            }
            out.put(f.getKey(), f.getValue().textValue());
        }
        return out;
    }

    /** What every line of the batch carries, as an interactive request from this client would. */
    private static Map<String, String> attributes(HttpServerRequest req, Caller caller) {
        Map<String, String> a = new HashMap<>();
        String ip = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
        if (ip != null) {
            a.put(Attributes.CLIENT_IP, ip);
        }
        a.put(Attributes.COUNTER_KEY, caller.counterScope().counterKey(caller.subscriptionId(), caller.keyId(),
                req::getHeader, ip));
        return a;
    }

    private void list(RoutingContext ctx) {
        try {
            Caller caller = answers.authenticate(ctx.request());
            int limit = limit(ctx.request().getParam("limit"));
            String after = ctx.request().getParam("after");
            List<BatchState> all = views.batchesOf(caller.subscriptionId());
            int from = 0;
            if (after != null) {
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).batch().id().equals(after)) {
                        from = i + 1;
                        break;
                    }
                }
            }
            List<JsonNode> page = new ArrayList<>();
            for (int i = from; i < all.size() && page.size() < limit; i++) {
                page.add(OpenAiObjects.batch(all.get(i)));
            }
            Answers.json(ctx, OpenAiObjects.list(page, from + page.size() < all.size()));
        } catch (ApiException e) {
            ErrorResponses.write(ctx.response(), e.error(), null);
        }
    }

    private static int limit(String s) {
        if (s == null) {
            return 20;
        }
        try {
            int n = Integer.parseInt(s.trim());
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the error below
        }
        throw new ApiException(ApiError.invalidRequest("limit", "limit must be a whole number from 1 to 100."));
    }

    private void retrieve(RoutingContext ctx) {
        try {
            Caller caller = answers.authenticate(ctx.request());
            String id = ctx.pathParam("id");
            BatchState state = views.batch(id, caller.subscriptionId());
            if (state == null) {
                throw new ApiException(Answers.noSuchBatch(id));
            }
            Answers.json(ctx, OpenAiObjects.batch(state));
        } catch (ApiException e) {
            ErrorResponses.write(ctx.response(), e.error(), null);
        }
    }

    private void cancel(RoutingContext ctx, Vertx vertx) {
        try {
            Caller caller = answers.authenticate(ctx.request());
            String id = ctx.pathParam("id");
            BatchState state = views.batch(id, caller.subscriptionId());
            if (state == null) {
                throw new ApiException(Answers.noSuchBatch(id));
            }
            String status = state.batch().status();
            if (BatchObject.CANCELLING.equals(status) || BatchObject.CANCELLED.equals(status)) {
                Answers.json(ctx, OpenAiObjects.batch(state));
                return;
            }
            if (state.batch().terminal()) {
                throw new ApiException(new ApiError(409, "invalid_request_error", "batch_not_cancellable",
                        "Batch " + id + " is already " + status + "; only a batch still running can be cancelled.",
                        null, 0));
            }
            BatchState cancelling = state.with(state.batch().cancelling(clock.instant().getEpochSecond()));
            Answers.later(ctx, Future.fromCompletionStage(store.cancel(cancelling), vertx.getOrCreateContext())
                    .map(v -> {
                        views.update(cancelling);
                        return OpenAiObjects.batch(cancelling);
                    }));
        } catch (ApiException e) {
            ErrorResponses.write(ctx.response(), e.error(), null);
        }
    }
}
