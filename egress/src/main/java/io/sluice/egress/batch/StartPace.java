package io.sluice.egress.batch;

/**
 * How many batch lines may start now while interactive traffic flows: a token bucket refilled at
 * {@code perSecond}, holding at most a twentieth of a second's worth (at least one), on the gate's
 * monotonic clock. A token is {@code 1e9} units, so a nanosecond adds {@code perSecond} units and
 * the count stays exact. Used on the gate's context only.
 */
final class StartPace {

    private static final long UNIT = 1_000_000_000L;

    private final long perSecond;
    private final long burst;
    private long units;
    private long refilledAt;

    StartPace(int perSecond, long nowNanos) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, perSecond / 20) * UNIT;
        this.units = burst;
        this.refilledAt = nowNanos;
    }

    /** Lines that may start at {@code nowNanos}. */
    int available(long nowNanos) {
        long elapsed = Math.min(UNIT, Math.max(0, nowNanos - refilledAt));
        units = Math.min(burst, units + elapsed * perSecond);
        refilledAt = nowNanos;
        return (int) (units / UNIT);
    }

    /** One line started. */
    void take() {
        units = Math.max(0, units - UNIT);
    }
}
