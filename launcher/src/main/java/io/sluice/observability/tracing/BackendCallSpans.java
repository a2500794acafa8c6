package io.sluice.observability.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.sluice.egress.observe.AttemptWatch;
import io.sluice.egress.observe.CallObserver;
import io.sluice.records.Attributes;
import io.sluice.records.PromptRecord;
import java.util.Map;

/**
 * The client span of each backend call, named and described by the OpenTelemetry GenAI conventions
 * ({@code chat gpt-4o}, {@code gen_ai.*} attributes), a child of the request's trace; its
 * {@code traceparent} goes to the backend with the call.
 */
public final class BackendCallSpans implements CallObserver {

    private final Tracing tracing;

    public BackendCallSpans(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public AttemptWatch attemptStarted(PromptRecord prompt, String backend, int attempt) {
        Context parent = Tracing.parent(prompt.attribute(Attributes.TRACEPARENT));
        if (parent == null) {
            return AttemptWatch.NONE;
        }
        String operation = prompt.operation().wireName();
        Span span = tracing.tracer().spanBuilder(operation + " " + prompt.model())
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.operation.name", operation)
                .setAttribute("gen_ai.request.model", prompt.model())
                .setAttribute("sluice.backend", backend)
                .setAttribute("sluice.attempt", (long) attempt)
                .setAttribute("sluice.request_id", prompt.requestId())
                .setAttribute("sluice.stream", prompt.stream())
                .startSpan();
        return new Watch(span);
    }

    private static final class Watch implements AttemptWatch {
        private final Span span;
        private final Map<String, String> headers;
        private boolean firstChunk = true;

        Watch(Span span) {
            this.span = span;
            String traceparent = Tracing.traceparent(span);
            this.headers = traceparent == null ? Map.of() : Map.of("traceparent", traceparent);
        }

        @Override
        public Map<String, String> outgoingHeaders() {
            return headers;
        }

        @Override
        public void chunk(long epochMicros) {
            if (firstChunk) {
                firstChunk = false;
                span.addEvent("first chunk");
            }
        }

        @Override
        public void ended(int status, String outcome, long promptTokens, long completionTokens) {
            if (status > 0) {
                span.setAttribute("http.response.status_code", (long) status);
            }
            if ("success".equals(outcome)) {
                span.setAttribute("gen_ai.usage.input_tokens", promptTokens);
                span.setAttribute("gen_ai.usage.output_tokens", completionTokens);
            } else {
                span.setAttribute("error.type", outcome == null ? "unknown" : outcome);
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }
}
