package io.sluice.simulator.http;

import io.sluice.simulator.openai.ApiError;
import io.sluice.simulator.openai.RejectedRequest;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the router of one server verticle: OpenAI and Azure paths, the control API, and OpenAI-shaped errors. */
public final class SimulatorRoutes {

    /** Path prefix of the control API, which is neither logged nor authenticated. */
    public static final String CONTROL_PREFIX = "/_sim/";
    static final String DEPLOYMENT = "deployment";
    static final long BODY_LIMIT_BYTES = 32L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorRoutes.class);

    private SimulatorRoutes() {
    }

    public static Router create(Vertx vertx, SimulatorState state) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        router.route().handler(new RequestRecorder(state)::record);

        ApiKeyCheck auth = new ApiKeyCheck(state.config().apiKey());
        router.route("/v1/*").handler(auth::openAi);
        router.route("/openai/*").handler(SimulatorRoutes::requireApiVersion).handler(auth::azure);

        ModelsHandler models = new ModelsHandler(state.config().models());
        router.get("/v1/models").handler(models::list);
        router.get("/v1/models/:id").handler(models::get);

        ChatCompletionsHandler chat = new ChatCompletionsHandler(vertx, state);
        router.post("/v1/chat/completions").handler(chat::openAi);
        router.post("/openai/deployments/:" + DEPLOYMENT + "/chat/completions").handler(chat::azure);

        EmbeddingsHandler embeddings = new EmbeddingsHandler(vertx, state);
        router.post("/v1/embeddings").handler(embeddings::openAi);
        router.post("/openai/deployments/:" + DEPLOYMENT + "/embeddings").handler(embeddings::azure);

        ControlApi control = new ControlApi(state);
        router.get("/_sim/requests").handler(control::listRequests);
        router.delete("/_sim/requests").handler(control::clearRequests);
        router.get("/_sim/faults").handler(control::listFaults);
        router.post("/_sim/faults").handler(control::addFault);
        router.delete("/_sim/faults").handler(control::clearFaults);
        router.get("/_sim/config").handler(control::getConfig);
        router.put("/_sim/config").handler(control::putConfig);
        router.get("/_sim/stats").handler(control::stats);

        router.route().failureHandler(SimulatorRoutes::answerFailure);
        router.errorHandler(404, ctx -> Replies.error(ctx.response(),
                ApiError.unknownUrl(ctx.request().method().name(), ctx.request().path())));
        router.errorHandler(405, ctx -> Replies.error(ctx.response(),
                ApiError.methodNotAllowed(ctx.request().method().name(), ctx.request().path())));
        return router;
    }

    private static void requireApiVersion(RoutingContext ctx) {
        String apiVersion = ctx.request().getParam("api-version");
        if (apiVersion == null || apiVersion.isBlank()) {
            Replies.error(ctx.response(), ApiError.missingApiVersion());
        } else {
            ctx.next();
        }
    }

    /** Every failure becomes an OpenAI error body; a stack trace never leaves the server log. */
    private static void answerFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        ApiError error;
        if (failure instanceof RejectedRequest rejected) {
            error = rejected.error();
        } else if (ctx.statusCode() == 413) {
            error = new ApiError(413, "The request body is larger than " + BODY_LIMIT_BYTES + " bytes.",
                    ApiError.INVALID_REQUEST, null, "request_too_large");
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500 && failure == null) {
            error = new ApiError(ctx.statusCode(), "The request could not be handled.", ApiError.INVALID_REQUEST,
                    null, null);
        } else {
            LOG.warn("Simulator failed on {} {}", ctx.request().method(), ctx.request().path(), failure);
            error = new ApiError(500, "The simulator failed to handle the request.", "server_error", null, null);
        }
        if (!ctx.response().headWritten()) {
            Replies.error(ctx.response(), error);
        } else {
            ctx.request().connection().close();
        }
    }
}
