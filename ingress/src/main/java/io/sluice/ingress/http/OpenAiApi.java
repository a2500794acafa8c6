package io.sluice.ingress.http;

import io.sluice.ingress.IngressConfig;
import io.sluice.ingress.auth.Caller;
import io.sluice.ingress.auth.KeyDirectory;
import io.sluice.ingress.auth.PresentedKey;
import io.sluice.ingress.exchange.PendingExchanges;
import io.sluice.ingress.models.ModelCatalog;
import io.sluice.ingress.publish.RequestPublisher;
import io.sluice.records.ApiError;
import io.sluice.records.Attributes;
import io.sluice.records.Json;
import io.sluice.records.Micros;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.governance.GovernanceErrors;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI HTTP API (and the Azure OpenAI path style) over Kafka: authenticates, checks the
 * body, opens an exchange and queues the request; the reply listener completes the exchange.
 */
public final class OpenAiApi {

    /** Header with which a client asks for its own deadline, in milliseconds. */
    public static final String TIMEOUT_HEADER = "x-sluice-timeout-ms";
    /** How long ingress waits past the deadline for the 504 written by the stage that held the request. */
    static final long DEADLINE_GRACE_MS = 500;
    private static final long CREATED = 1_735_689_600L;

    private final IngressConfig config;
    private final KeyDirectory keys;
    private final ModelCatalog models;
    private final PendingExchanges pending;
    private final RequestPublisher publisher;
    private final Clock clock;

    public OpenAiApi(IngressConfig config, KeyDirectory keys, ModelCatalog models, PendingExchanges pending,
            RequestPublisher publisher, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.models = models;
        this.pending = pending;
        this.publisher = publisher;
        this.clock = clock;
    }

    public Router router(Vertx vertx, List<RouteContributor> contributors) {
        Router router = Router.router(vertx);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()).setHandleFileUploads(false);
        router.get("/healthz").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end("{\"status\":\"ok\"}"));
        router.get("/v1/models").handler(this::listModels);
        router.get("/v1/models/:model").handler(this::getModel);
        router.post("/v1/chat/completions").handler(body).handler(ctx -> prompt(ctx, Operation.CHAT, null));
        router.post("/v1/embeddings").handler(body).handler(ctx -> prompt(ctx, Operation.EMBEDDINGS, null));
        router.post("/openai/deployments/:deployment/chat/completions").handler(body)
                .handler(ctx -> prompt(ctx, Operation.CHAT, ctx.pathParam("deployment")));
        router.post("/openai/deployments/:deployment/embeddings").handler(body)
                .handler(ctx -> prompt(ctx, Operation.EMBEDDINGS, ctx.pathParam("deployment")));
        for (String path : List.of("/v1/models", "/v1/chat/completions", "/v1/embeddings",
                "/openai/deployments/:deployment/chat/completions", "/openai/deployments/:deployment/embeddings")) {
            router.route(path).handler(ctx -> ErrorResponses.write(ctx.response(),
                    ApiError.methodNotAllowed(ctx.request().method().name(), ctx.request().path()), null));
        }
        for (RouteContributor c : contributors) {
            c.mount(router, vertx);
        }
        router.route().last().handler(ctx -> ErrorResponses.write(ctx.response(), ApiError.notFound(ctx.request().path()),
                null));
        router.errorHandler(405, ctx -> ErrorResponses.write(ctx.response(),
                ApiError.methodNotAllowed(ctx.request().method().name(), ctx.request().path()), null));
        router.errorHandler(413, ctx -> ErrorResponses.write(ctx.response(),
                ApiError.payloadTooLarge(config.maxBodyBytes()), null));
        router.errorHandler(400, ctx -> ErrorResponses.write(ctx.response(),
                ApiError.invalidRequest(null, "The request could not be read."), null));
        router.errorHandler(500, ctx -> {
            if (ctx.failure() instanceof ApiException api) {
                ErrorResponses.write(ctx.response(), api.error(), null);
            } else {
                ErrorResponses.write(ctx.response(), ApiError.internal("(none)"), null);
            }
        });
        return router;
    }

    private void prompt(RoutingContext ctx, Operation operation, String deployment) {
        long receivedMicros = Micros.now(clock);
        HttpServerRequest req = ctx.request();
        try {
            Caller caller = authenticate(req);
            if (deployment != null && req.getParam("api-version") == null) {
                throw new ApiException(ApiError.invalidRequest("api-version",
                        "Missing required query parameter 'api-version', e.g. ?api-version=2024-10-21."));
            }
            String contentType = req.getHeader("Content-Type");
            if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                throw new ApiException(ApiError.unsupportedMediaType());
            }
            byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
            ParsedPrompt parsed = PromptParser.parse(bytes, operation, deployment);
            if (!caller.mayUse(parsed.model())) {
                throw new ApiException(GovernanceErrors.modelNotAllowed(parsed.model(), caller.subscriptionId()));
            }
            long timeoutMs = timeout(req);
            if (pending.full()) {
                throw new ApiException(ApiError.overloaded(1));
            }
            String id = RequestIds.next();
            PromptRecord prompt = new PromptRecord(id, caller.subscriptionId(), caller.keyId(), parsed.model(), operation,
                    parsed.stream(), parsed.includeUsage(), receivedMicros / 1000 + timeoutMs,
                    config.topics().replies(config.instanceId()),
                    attributes(req, parsed, deployment, caller, config.endUserHeader()), bytes);
            prompt = withCarriedHeaders(prompt, req);
            pending.open(id, ctx.response(), Vertx.currentContext(), timeoutMs + DEADLINE_GRACE_MS,
                    ApiError.deadlineExceeded(timeoutMs), publisher::cancel);
            publisher.publish(prompt, receivedMicros, e -> pending.failNow(id, ApiError.kafkaUnavailable(1)));
        } catch (ApiException e) {
            ErrorResponses.write(ctx.response(), e.error(), null);
        }
    }

    private Caller authenticate(HttpServerRequest req) {
        String key = PresentedKey.from(req);
        if (key == null) {
            throw new ApiException(ApiError.missingKey());
        }
        return keys.find(key).orElseThrow(() -> new ApiException(keys.refusal(key)));
    }

    private long timeout(HttpServerRequest req) {
        String h = req.getHeader(TIMEOUT_HEADER);
        if (h == null) {
            return config.defaultTimeoutMs();
        }
        try {
            long v = Long.parseLong(h.trim());
            if (v >= 1 && v <= config.maxTimeoutMs()) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw new ApiException(ApiError.invalidRequest(TIMEOUT_HEADER,
                "Header " + TIMEOUT_HEADER + " must be a whole number of milliseconds from 1 to "
                        + config.maxTimeoutMs() + "."));
    }

    private static Map<String, String> attributes(HttpServerRequest req, ParsedPrompt parsed, String deployment,
            Caller caller, String endUserHeader) {
        Map<String, String> a = new HashMap<>(8);
        String clientIp = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
        putIfPresent(a, Attributes.CLIENT_IP, clientIp);
        // the requests topic is keyed by it, so each limit counter has one partition and one writer
        a.put(Attributes.COUNTER_KEY, caller.counterScope().counterKey(caller.subscriptionId(), caller.keyId(),
                req::getHeader, clientIp));
        putIfPresent(a, Attributes.CACHE_CONTROL, req.getHeader("Cache-Control"));
        putIfPresent(a, Attributes.TRACEPARENT, req.getHeader("traceparent"));
        putIfPresent(a, Attributes.END_USER, parsed.endUser() != null || endUserHeader == null ? parsed.endUser()
                : req.getHeader(endUserHeader));
        putIfPresent(a, Attributes.AZURE_DEPLOYMENT, deployment);
        return a;
    }

    /** Adds the configured request headers as {@code header.<name>} attributes (stages vary by them). */
    private PromptRecord withCarriedHeaders(PromptRecord prompt, HttpServerRequest req) {
        PromptRecord p = prompt;
        for (String name : config.carriedHeaders()) {
            String v = req.getHeader(name);
            if (v != null) {
                p = p.withAttribute("header." + name, v);
            }
        }
        return p;
    }

    private static void putIfPresent(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }

    private void listModels(RoutingContext ctx) {
        Caller caller;
        try {
            caller = authenticate(ctx.request());
        } catch (ApiException e) {
            ErrorResponses.write(ctx.response(), e.error(), null);
            return;
        }
        var root = Json.MAPPER.createObjectNode();
        root.put("object", "list");
        var data = root.putArray("data");
        for (String m : models.models()) {
            if (caller.mayUse(m)) {
                data.add(model(m));
            }
        }
        ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(Json.toBytes(root)));
    }

    private void getModel(RoutingContext ctx) {
        try {
            authenticate(ctx.request());
        } catch (ApiException e) {
            ErrorResponses.write(ctx.response(), e.error(), null);
            return;
        }
        String m = ctx.pathParam("model");
        if (!models.contains(m)) {
            ErrorResponses.write(ctx.response(), ApiError.modelNotFound(m), null);
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(Json.toBytes(model(m))));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode model(String id) {
        var n = Json.MAPPER.createObjectNode();
        n.put("id", id);
        n.put("object", "model");
        n.put("created", CREATED);
        n.put("owned_by", "sluice");
        return n;
    }

}
