package io.sluice.observability.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.sluice.observability.ObservabilitySettings;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry tracer of this process: spans go to an OTLP/HTTP collector when one is
 * configured (batched, off the hot path), or to the exporter a test gives. Trace context travels
 * as a W3C {@code traceparent}: in HTTP headers, and on Kafka as the request's carried attribute.
 */
public final class Tracing implements AutoCloseable {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private Tracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider.get("io.sluice.gateway");
    }

    /**
     * The tracer {@code settings} ask for, or null when no spans are to be recorded.
     *
     * @param exporter replaces the OTLP exporter (tests), or null
     */
    public static Tracing start(ObservabilitySettings settings, String instanceId, SpanExporter exporter) {
        SpanProcessor processor;
        if (exporter != null) {
            processor = SimpleSpanProcessor.create(exporter);
        } else if (settings.otlpEndpoint() != null) {
            processor = batch(OtlpHttpSpanExporter.builder().setEndpoint(settings.otlpTracesUrl())
                    .setTimeout(10, TimeUnit.SECONDS).build());
        } else {
            return null;
        }
        return new Tracing(provider(processor, settings.serviceName(), instanceId, settings.traceSampleRatio()));
    }

    /** A tracer that exports every span in batches, as with OTLP, to {@code exporter} (benchmarks). */
    public static Tracing batched(SpanExporter exporter, String instanceId) {
        return new Tracing(provider(batch(exporter), "sluice", instanceId, 1.0));
    }

    private static SpanProcessor batch(SpanExporter exporter) {
        return BatchSpanProcessor.builder(exporter).setMaxQueueSize(8_192).build();
    }

    private static SdkTracerProvider provider(SpanProcessor processor, String serviceName, String instanceId,
            double sampleRatio) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), serviceName,
                AttributeKey.stringKey("service.instance.id"), instanceId)));
        return SdkTracerProvider.builder().setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(sampleRatio)))
                .addSpanProcessor(processor).build();
    }

    public Tracer tracer() {
        return tracer;
    }

    /** The context a {@code traceparent} value names, or null when there is none or it is malformed. */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isEmpty()) {
            return null;
        }
        Context c = W3C.extract(Context.root(), Map.of("traceparent", traceparent), MAP_GETTER);
        return Span.fromContext(c).getSpanContext().isValid() ? c : null;
    }

    /** The {@code traceparent} value that makes {@code span} the parent of the next hop. */
    public static String traceparent(Span span) {
        Map<String, String> out = new HashMap<>(2);
        W3C.inject(Context.root().with(span), out, Map::put);
        return out.get("traceparent");
    }

    @Override
    public void close() {
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }
}
