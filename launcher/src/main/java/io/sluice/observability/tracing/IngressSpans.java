package io.sluice.observability.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.sluice.ingress.http.RouteContributor;
import io.sluice.observability.metrics.HttpMeters;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The server span of each API request: a child of the client's {@code traceparent} (or a new trace),
 * ended when the exchange ends. The request's {@code traceparent} header is replaced with this span's
 * before the API reads it, so the stages and the backend call become its children.
 */
public final class IngressSpans implements RouteContributor {

    static final int ORDER = -999;

    private final Tracing tracing;

    public IngressSpans(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public void mount(Router router, Vertx vertx) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path == null || !(path.startsWith("/v1/") || path.startsWith("/openai/"))) {
            ctx.next();
            return;
        }
        Context parent = Tracing.parent(ctx.request().getHeader("traceparent"));
        String route = HttpMeters.route(path);
        String method = ctx.request().method().name();
        Span span = tracing.tracer().spanBuilder(method + " " + route)
                .setParent(parent == null ? Context.root() : parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", method)
                .setAttribute("http.route", route)
                .setAttribute("url.path", path)
                .startSpan();
        String own = Tracing.traceparent(span);
        if (own != null) {
            ctx.request().headers().set("traceparent", own);
        }
        ctx.addEndHandler(done -> {
            int status = done.succeeded() ? ctx.response().getStatusCode() : 499;
            span.setAttribute("http.response.status_code", (long) status);
            String requestId = ctx.response().headers().get("x-request-id");
            if (requestId != null) {
                span.setAttribute("sluice.request_id", requestId);
            }
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
                span.setAttribute("error.type", Integer.toString(status));
            }
            span.end();
        });
        ctx.next();
    }
}
