package io.sluice.bench.load;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Walks an open-loop schedule on a thread of its own, parking until each intended send time (event-loop timers
 * only have millisecond resolution), and hands each request to the workers in turn. When it wakes late it hands
 * out the whole backlog at once, each request keeping its own intended time.
 */
final class Pacer implements Runnable {
    private final OpenLoopSchedule schedule;
    private final List<OpenLoopWorker> workers;
    private final LongSupplier clock;
    private int nextWorker;

    Pacer(OpenLoopSchedule schedule, List<OpenLoopWorker> workers, LongSupplier clock) {
        this.schedule = schedule;
        this.workers = List.copyOf(workers);
        this.clock = clock;
    }

    static Thread start(OpenLoopSchedule schedule, List<OpenLoopWorker> workers, LongSupplier clock) {
        Thread thread = new Thread(new Pacer(schedule, workers, clock), "bench-pacer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        ScheduleCursor cursor = new ScheduleCursor(schedule);
        long next;
        while ((next = cursor.fireDue(clock.getAsLong(), this::dispatch)) >= 0) {
            long wait = next - clock.getAsLong();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        workers.forEach(OpenLoopWorker::dispatchScheduleDone);
    }

    private void dispatch(long intendedNanos) {
        workers.get(nextWorker).dispatch(intendedNanos);
        nextWorker = (nextWorker + 1) % workers.size();
    }
}
