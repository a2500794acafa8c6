package io.sluice.bench.load;

import io.vertx.core.Promise;

/**
 * Sends the open-loop requests a {@link Pacer} hands it, each stamped with its intended time, and refuses those over
 * the outstanding limit. It never waits for the target before sending.
 */
final class OpenLoopWorker extends LoadWorker {
    private boolean scheduleDone;

    OpenLoopWorker(WorkerPlan plan, Promise<StepRecorder> result) {
        super(plan, result);
    }

    @Override
    protected void begin() {
        // The pacer drives this worker.
    }

    /** Hands a request due at {@code intendedNanos} to this worker's event loop. */
    void dispatch(long intendedNanos) {
        context.runOnContext(v -> sendOrRefuse(intendedNanos));
    }

    /** Tells the worker, on its event loop, that the pacer has handed out its last request. */
    void dispatchScheduleDone() {
        context.runOnContext(v -> {
            scheduleDone = true;
            finishIfDone();
        });
    }

    private void sendOrRefuse(long intendedNanos) {
        if (!plan.limit().tryAcquire()) {
            recorder.recordNotSent(StepRecorder.OUTSTANDING_LIMIT);
            return;
        }
        send(intendedNanos);
    }

    @Override
    protected void afterAnswer(RequestOutcome outcome) {
        plan.limit().release();
    }

    @Override
    protected boolean sendingDone() {
        return scheduleDone;
    }
}
