package io.sluice.observability.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.egress.observe.AttemptWatch;
import io.sluice.egress.observe.CallObserver;
import io.sluice.records.PromptRecord;
import java.util.concurrent.TimeUnit;

/** Times each backend call by backend, model and outcome, and the gaps between the chunks of a stream. */
public final class BackendCallMeters implements CallObserver {

    private final MeterRegistry registry;

    public BackendCallMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public AttemptWatch attemptStarted(PromptRecord prompt, String backend, int attempt) {
        return new Watch(prompt.model(), backend, prompt.stream());
    }

    private final class Watch implements AttemptWatch {
        private final String model;
        private final String backend;
        private final long startNanos = System.nanoTime();
        private final Timer gaps;
        private long lastChunkMicros = -1;

        Watch(String model, String backend, boolean stream) {
            this.model = UsageMeters.orNone(model);
            this.backend = backend;
            this.gaps = stream ? Timer.builder("sluice.time.between.tokens")
                    .description("Time between two chunks of a streamed answer (gen_ai.server.time_per_output_token)")
                    .tags("model", this.model, "backend", backend)
                    .serviceLevelObjectives(Buckets.TOKEN_GAP).register(registry) : null;
        }

        @Override
        public void chunk(long epochMicros) {
            if (gaps != null && lastChunkMicros >= 0) {
                gaps.record(Math.max(0, epochMicros - lastChunkMicros), TimeUnit.MICROSECONDS);
            }
            lastChunkMicros = epochMicros;
        }

        @Override
        public void ended(int status, String outcome, long promptTokens, long completionTokens) {
            Timer.builder("sluice.backend.call.duration")
                    .description("One call to a backend, request sent to last byte or failure")
                    .tags("backend", backend, "model", model, "outcome", UsageMeters.orNone(outcome))
                    .serviceLevelObjectives(Buckets.LATENCY)
                    .register(registry).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
    }
}
