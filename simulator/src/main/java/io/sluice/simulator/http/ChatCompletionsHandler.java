package io.sluice.simulator.http;

import io.sluice.simulator.FaultKind;
import io.sluice.simulator.FaultRule;
import io.sluice.simulator.SimulatorControls;
import io.sluice.simulator.completion.ChatAnswer;
import io.sluice.simulator.completion.ChatCompletionJson;
import io.sluice.simulator.completion.ChatRequest;
import io.sluice.simulator.openai.JsonText;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/** Serves {@code /v1/chat/completions} and its Azure twin, streaming or not. */
final class ChatCompletionsHandler {

    private final Vertx vertx;
    private final SimulatorState state;

    ChatCompletionsHandler(Vertx vertx, SimulatorState state) {
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
        SimulatorControls controls = state.controls();
        long latency = ResponseDelay.requested(ctx.request(), controls);
        ChatRequest request = ChatRequest.read(JsonText.readObject(ctx.body().buffer()), deployment,
                state.config().models());
        FaultRule fault = state.faults().claim(request.model(), request.stream()).orElse(null);
        long delay = latency + (fault != null && fault.kind() == FaultKind.SLOW ? fault.delayMs() : 0);
        if (fault != null && FaultResponder.answer(vertx, ctx, fault, delay, request.stream())) {
            return;
        }
        ChatAnswer answer = ChatAnswer.compose(request, controls.completionTokens(), state.tokens());
        ChatCompletionJson json = new ChatCompletionJson(state.nextCompletionId(),
                System.currentTimeMillis() / 1000, request.model(), request.includeUsage());
        if (request.stream()) {
            int dropAfter = fault != null && fault.kind() == FaultKind.DROP_MID_STREAM ? fault.afterChunks() : -1;
            new ChatStream(vertx, ctx.response(), ctx.request().connection(), json, answer,
                    controls.tokensPerSecond(), request.includeUsage(), dropAfter).startAfter(delay);
        } else {
            ResponseDelay.after(vertx, ctx.response(), delay,
                    () -> Replies.json(ctx.response(), 200, json.completion(answer)));
        }
    }
}
