package io.sluice.processors.quota;

import java.nio.ByteBuffer;

/**
 * One counter key's state: the current minute window (tokens and requests admitted in it), the
 * current quota period (tokens used in it), and the requests in flight.
 *
 * @param minuteStart epoch ms of the UTC minute the window counts
 * @param periodStart epoch ms of the start of the quota period counted, or 0 when none is
 */
public record CounterState(long minuteStart, long minuteTokens, long minuteRequests, long periodStart,
        long periodTokens, long inFlight) {

    private static final byte VERSION = 1;

    public static final CounterState EMPTY = new CounterState(0, 0, 0, 0, 0, 0);

    /** This state as of {@code minute} and {@code period}: counts of windows that ended are dropped. */
    public CounterState rolledTo(long minute, long period) {
        boolean sameMinute = minute == minuteStart;
        boolean samePeriod = period == periodStart;
        if (sameMinute && samePeriod) {
            return this;
        }
        return new CounterState(minute, sameMinute ? minuteTokens : 0, sameMinute ? minuteRequests : 0, period,
                samePeriod ? periodTokens : 0, inFlight);
    }

    public CounterState admit(long tokens) {
        return new CounterState(minuteStart, minuteTokens + tokens, minuteRequests + 1, periodStart,
                periodTokens + tokens, inFlight + 1);
    }

    /**
     * A finished request reserved {@code reserved} tokens in the windows that started at
     * {@code minute} and {@code period} and really used {@code actual}: windows still counted get
     * the difference, and the request is no longer in flight.
     */
    public CounterState reconcile(long minute, long period, long reserved, long actual) {
        long delta = actual - reserved;
        return new CounterState(minuteStart, minute == minuteStart ? Math.max(0, minuteTokens + delta) : minuteTokens,
                minuteRequests, periodStart, period == periodStart ? Math.max(0, periodTokens + delta) : periodTokens,
                Math.max(0, inFlight - 1));
    }

    /** A reservation that never got its reconciliation expired: it no longer counts as in flight. */
    public CounterState released() {
        return new CounterState(minuteStart, minuteTokens, minuteRequests, periodStart, periodTokens,
                Math.max(0, inFlight - 1));
    }

    byte[] toBytes() {
        return ByteBuffer.allocate(1 + 6 * Long.BYTES).put(VERSION).putLong(minuteStart).putLong(minuteTokens)
                .putLong(minuteRequests).putLong(periodStart).putLong(periodTokens).putLong(inFlight).array();
    }

    static CounterState fromBytes(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (buf.get() != VERSION) {
            throw new IllegalStateException("unknown quota counter format");
        }
        return new CounterState(buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong(),
                buf.getLong());
    }
}
