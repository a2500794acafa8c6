package io.sluice.observability.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.sluice.processors.reply.NodeNames;
import io.sluice.processors.stage.StageWatch;
import io.sluice.records.Attributes;
import io.sluice.records.PromptRecord;

/**
 * A span per processors stage (and routing) for requests that carry a trace context: it starts
 * when the stage takes the request and ends when the stage lets it go, and records where it went.
 */
public final class StageSpans implements StageWatch {

    private final Tracing tracing;

    public StageSpans(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public Visit enter(String node, PromptRecord prompt) {
        Context parent = Tracing.parent(prompt.attribute(Attributes.TRACEPARENT));
        if (parent == null) {
            return Visit.NONE;
        }
        Span span = tracing.tracer().spanBuilder("stage " + node)
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute("sluice.stage", node)
                .setAttribute("sluice.request_id", prompt.requestId())
                .setAttribute("gen_ai.request.model", prompt.model())
                .startSpan();
        return (child, value) -> {
            span.setAttribute("sluice.stage.result", result(child));
            span.end();
        };
    }

    /** What the stage did with the request: passed it on, answered it, or kept it (an asynchronous check). */
    static String result(String child) {
        if (child == null) {
            return "held";
        }
        return switch (child) {
            case NodeNames.REPLY_SINK -> "answered";
            case NodeNames.USAGE_SINK, NodeNames.RECONCILE_SINK -> "ended";
            case NodeNames.DISPATCH_SINK -> "dispatched";
            default -> "passed";
        };
    }
}
