package io.sluice.bench.load;

import io.vertx.core.Promise;

/** Runs a number of clients that each send their next request as soon as the previous one ends, until the step ends. */
final class ClosedLoopWorker extends LoadWorker {
    private final int clients;
    private int clientsActive;

    ClosedLoopWorker(WorkerPlan plan, int clients, Promise<StepRecorder> result) {
        super(plan, result);
        this.clients = clients;
    }

    /** Splits {@code concurrency} clients over {@code workers} as evenly as possible. */
    static int share(int concurrency, int workers, int index) {
        return concurrency / workers + (index < concurrency % workers ? 1 : 0);
    }

    @Override
    protected void begin() {
        clientsActive = clients;
        for (int i = 0; i < clients; i++) {
            next();
        }
        finishIfDone();
    }

    private void next() {
        long now = now();
        if (now >= plan.endNanos()) {
            clientsActive--;
            return;
        }
        send(now);
    }

    @Override
    protected void afterAnswer(RequestOutcome outcome) {
        if (outcome.ok()) {
            next();
        } else {
            // A failure can complete at once (connection refused); going through the event loop avoids deep recursion.
            context.runOnContext(v -> {
                next();
                finishIfDone();
            });
        }
    }

    @Override
    protected boolean sendingDone() {
        return clientsActive == 0;
    }
}
