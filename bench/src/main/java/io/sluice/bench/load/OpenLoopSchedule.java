package io.sluice.bench.load;

/**
 * The intended send times of an open-loop step: request {@code i} is due at {@code start + i / rate}, for every
 * {@code i} whose time falls inside the step. The schedule never moves: a slow target does not slow it down.
 */
public record OpenLoopSchedule(long startNanos, double ratePerSecond, long durationNanos) {

    private static final double NANOS_PER_SECOND = 1e9;

    public OpenLoopSchedule {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be > 0, got " + ratePerSecond);
        }
        if (durationNanos < 1) {
            throw new IllegalArgumentException("durationNanos must be >= 1, got " + durationNanos);
        }
    }

    /** How many requests the step sends: rate × duration, rounded down (an epsilon absorbs binary fractions). */
    public long count() {
        return (long) Math.floor(ratePerSecond * durationNanos / NANOS_PER_SECOND + 1e-9);
    }

    /** The time request {@code index} is due, on the same clock as {@link #startNanos()}. */
    public long intendedNanos(long index) {
        if (index < 0 || index >= count()) {
            throw new IndexOutOfBoundsException("request " + index + " is outside the schedule of " + count());
        }
        return startNanos + Math.round(index * NANOS_PER_SECOND / ratePerSecond);
    }
}
