package io.sluice.bench.load;

import io.vertx.core.Promise;
import java.util.concurrent.TimeUnit;

/** Sends its share of an open-loop schedule on time, whatever the target does; latency counts from the schedule. */
final class OpenLoopWorker extends LoadWorker {
    private final ScheduleCursor cursor;

    OpenLoopWorker(WorkerPlan plan, OpenLoopSchedule schedule, Promise<StepRecorder> result) {
        super(plan, result);
        this.cursor = new ScheduleCursor(schedule, plan.index(), plan.workers());
    }

    @Override
    protected void begin() {
        tick();
    }

    private void tick() {
        long next = cursor.fireDue(now(), this::sendOrRefuse);
        if (next < 0) {
            finishIfDone();
            return;
        }
        long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now()));
        vertx.setTimer(delayMs, id -> tick());
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
        return cursor.done();
    }
}
