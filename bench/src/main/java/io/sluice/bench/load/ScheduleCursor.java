package io.sluice.bench.load;

import java.util.function.LongConsumer;

/**
 * One worker's walk through its share of an {@link OpenLoopSchedule}: requests {@code offset},
 * {@code offset + stride}, ... Each call fires every request already due, each with its own intended time, so a
 * late wake-up sends the backlog at once and the lateness shows up in the latency.
 */
final class ScheduleCursor {
    private final OpenLoopSchedule schedule;
    private final long count;
    private final int stride;
    private long next;

    ScheduleCursor(OpenLoopSchedule schedule, int offset, int stride) {
        if (stride < 1 || offset < 0 || offset >= stride) {
            throw new IllegalArgumentException("need 0 <= offset < stride, got offset " + offset + ", stride " + stride);
        }
        this.schedule = schedule;
        this.count = schedule.count();
        this.stride = stride;
        this.next = offset;
    }

    /** Fires the requests due at {@code nowNanos}; returns the intended time of the next one, or -1 when done. */
    long fireDue(long nowNanos, LongConsumer fire) {
        while (next < count) {
            long intended = schedule.intendedNanos(next);
            if (intended > nowNanos) {
                return intended;
            }
            next += stride;
            fire.accept(intended);
        }
        return -1;
    }

    boolean done() {
        return next >= count;
    }
}
