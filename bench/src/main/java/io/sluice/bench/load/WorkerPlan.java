package io.sluice.bench.load;

import io.vertx.core.http.HttpClient;
import java.util.function.LongSupplier;

/** What one load worker needs: its share of the step, the client, and the shared clock and limit. */
record WorkerPlan(int index, int workers, LoadStep step, long startNanos, HttpClient client,
        RequestTemplate template, long timeoutMs, LongSupplier clock, OutstandingLimit limit) {

    long endNanos() {
        return startNanos + step.durationMs() * 1_000_000L;
    }

    /** When a worker stops waiting for answers: the step's end plus a request timeout plus a margin. */
    long giveUpNanos() {
        return endNanos() + (timeoutMs + 5_000) * 1_000_000L;
    }
}
