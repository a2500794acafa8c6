package io.sluice.observability;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.sluice.egress.observe.AttemptWatch;
import io.sluice.egress.observe.CallObserver;
import io.sluice.ingress.exchange.HopTimings;
import io.sluice.observability.metrics.BackendCallMeters;
import io.sluice.observability.metrics.HopMeters;
import io.sluice.observability.tracing.BackendCallSpans;
import io.sluice.observability.tracing.StageSpans;
import io.sluice.observability.tracing.Tracing;
import io.sluice.processors.stage.StageWatch;
import io.sluice.records.Attributes;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the observability hooks cost on the hot path, per request, on one thread: the hop meters,
 * a backend call with 24 stream chunks timed, and (with tracing) a span per stage plus the backend
 * call's span, exported in batches to an exporter that drops them. Prints nanoseconds per request.
 *
 * <p>Run from the repository root: {@code mvn -B -q -pl observability test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt && java -cp "$(cat observability/target/cp.txt):observability/target/classes:observability/target/test-classes"
 * io.sluice.observability.HotPathCostBenchmark}. Not part of the test suite.
 */
public final class HotPathCostBenchmark {

    private HotPathCostBenchmark() {
    }

    public static void main(String[] args) {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        PromptRecord prompt = new PromptRecord("req_1", "team-a", "key_1", "gpt-4o-mini", Operation.CHAT, true, true,
                Long.MAX_VALUE, "replies", Map.of(Attributes.TRACEPARENT,
                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), new byte[0]);
        Map<String, Double> hops = new LinkedHashMap<>();
        for (String hop : new String[] {"requests", "processors", "dispatch", "egress", "backend", "reply", "total"}) {
            hops.put(hop, 1.5);
        }
        HopTimings timings = new HopTimings(hops);
        for (int round = 0; round < 3; round++) {
            System.out.printf("round %d: metrics %.0f ns/request, metrics and tracing %.0f ns/request%n", round,
                    run(prompt, timings, requests, false), run(prompt, timings, requests, true));
        }
    }

    private static double run(PromptRecord prompt, HopTimings timings, int requests, boolean tracing) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HopMeters hopMeters = new HopMeters(registry);
        CallObserver calls = new BackendCallMeters(registry);
        StageWatch stages = StageWatch.NONE;
        Tracing t = null;
        if (tracing) {
            t = Tracing.batched(new DroppingExporter(), "bench");
            calls = CombinedCallObserver.of(calls, new BackendCallSpans(t));
            stages = new StageSpans(t);
        }
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            for (String stage : new String[] {"safety", "cache", "quota", "routing"}) {
                stages.enter(stage, prompt).left("next", null);
            }
            AttemptWatch w = calls.attemptStarted(prompt, "primary", 1);
            w.outgoingHeaders();
            long now = i * 1_000L;
            for (int c = 0; c < 24; c++) {
                w.chunk(now + c * 20);
            }
            w.ended(200, "success", 12, 24);
            hopMeters.accept(timings);
        }
        double perRequest = (System.nanoTime() - start) / (double) requests;
        if (t != null) {
            t.close();
        }
        registry.close();
        return perRequest;
    }

    /** Takes spans and drops them: measures the gateway's side of exporting only. */
    private static final class DroppingExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
