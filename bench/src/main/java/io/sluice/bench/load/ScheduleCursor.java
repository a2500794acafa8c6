package io.sluice.bench.load;

import java.util.function.LongConsumer;

/**
 * A walk through an {@link OpenLoopSchedule}. Each call fires every request already due, each with its own
 * intended time, so a late wake-up sends the backlog at once and the lateness shows up in the latency.
 */
final class ScheduleCursor {
    private final OpenLoopSchedule schedule;
    private final long count;
    private long next;

    ScheduleCursor(OpenLoopSchedule schedule) {
        this.schedule = schedule;
        this.count = schedule.count();
    }

    /** Fires the requests due at {@code nowNanos}; returns the intended time of the next one, or -1 when done. */
    long fireDue(long nowNanos, LongConsumer fire) {
        while (next < count) {
            long intended = schedule.intendedNanos(next);
            if (intended > nowNanos) {
                return intended;
            }
            next++;
            fire.accept(intended);
        }
        return -1;
    }
}
