package io.sluice.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.concurrent.TimeUnit;

/** Runs one share of a step on its own event loop and completes with what it recorded. */
abstract class LoadWorker extends VerticleBase {
    protected final WorkerPlan plan;
    protected final StepRecorder recorder = new StepRecorder();
    private final Promise<StepRecorder> result;
    private HttpExchange exchange;
    private long inFlight;
    private boolean finished;
    private long giveUpTimer;

    LoadWorker(WorkerPlan plan, Promise<StepRecorder> result) {
        this.plan = plan;
        this.result = result;
    }

    @Override
    public Future<?> start() {
        exchange = new HttpExchange(plan.client(), plan.template(), plan.timeoutMs(), plan.clock());
        long giveUpMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(plan.giveUpNanos() - now()));
        giveUpTimer = vertx.setTimer(giveUpMs, id -> giveUp());
        vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(plan.startNanos() - now())), id -> begin());
        return Future.succeededFuture();
    }

    /** Starts sending; called once, at the step's start. */
    protected abstract void begin();

    /** True once this worker will send nothing more. */
    protected abstract boolean sendingDone();

    /** Called after each answer, before checking whether the worker is done. */
    protected void afterAnswer(RequestOutcome outcome) {
    }

    protected final long now() {
        return plan.clock().getAsLong();
    }

    protected final void send(long intendedNanos) {
        inFlight++;
        exchange.send(intendedNanos).onComplete(ar -> {
            inFlight--;
            if (finished) {
                return;
            }
            recorder.record(ar.result());
            afterAnswer(ar.result());
            finishIfDone();
        });
    }

    protected final void finishIfDone() {
        if (sendingDone() && inFlight == 0) {
            finish();
        }
    }

    private void giveUp() {
        if (!finished) {
            recorder.recordAbandoned(inFlight);
            finish();
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        vertx.cancelTimer(giveUpTimer);
        result.complete(recorder);
    }
}
