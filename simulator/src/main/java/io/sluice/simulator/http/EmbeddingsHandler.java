package io.sluice.simulator.http;

import io.sluice.simulator.FaultKind;
import io.sluice.simulator.FaultRule;
import io.sluice.simulator.embedding.EmbeddingJson;
import io.sluice.simulator.embedding.EmbeddingRequest;
import io.sluice.simulator.openai.JsonText;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/** Serves {@code /v1/embeddings} and its Azure twin. */
final class EmbeddingsHandler {

    private final Vertx vertx;
    private final SimulatorState state;

    EmbeddingsHandler(Vertx vertx, SimulatorState state) {
        this.vertx = vertx;
        this.state = state;
    }

    void openAi(RoutingContext ctx) {
        handle(ctx, null);
    }

    void azure(RoutingContext ctx) {
        handle(ctx, ctx.pathParam(SimulatorRoutes.DEPLOYMENT));
    }

    private void handle(RoutingContext ctx, String deployment) {
        long latency = ResponseDelay.requested(ctx.request(), state.controls());
        EmbeddingRequest request = EmbeddingRequest.read(JsonText.readObject(ctx.body().buffer()), deployment,
                state.config().models(), state.config().embeddingDimensions(), state.tokens());
        FaultRule fault = state.faults().claim(request.model(), false).orElse(null);
        long delay = latency + (fault != null && fault.kind() == FaultKind.SLOW ? fault.delayMs() : 0);
        if (fault != null && FaultResponder.answer(vertx, ctx, fault, delay, false)) {
            return;
        }
        ResponseDelay.after(vertx, ctx.response(), delay,
                () -> Replies.json(ctx.response(), 200, EmbeddingJson.response(request)));
    }
}
