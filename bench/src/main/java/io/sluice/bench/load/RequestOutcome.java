package io.sluice.bench.load;

/**
 * How one request ended. Latency runs from the intended send time (not the actual one), so time a request spent
 * waiting to be sent counts against the target. {@code error} is null on success.
 */
public record RequestOutcome(long intendedNanos, long endNanos, long firstTokenNanos, int status, String error,
        String serverTiming) {

    public static final long NO_TOKEN = -1;

    public static RequestOutcome success(long intendedNanos, long endNanos, long firstTokenNanos, String serverTiming) {
        return new RequestOutcome(intendedNanos, endNanos, firstTokenNanos, 200, null, serverTiming);
    }

    public static RequestOutcome failure(long intendedNanos, long endNanos, int status, String error,
            String serverTiming) {
        return new RequestOutcome(intendedNanos, endNanos, NO_TOKEN, status, error, serverTiming);
    }

    public boolean ok() {
        return error == null;
    }

    public long latencyNanos() {
        return endNanos - intendedNanos;
    }

    public boolean hasFirstToken() {
        return firstTokenNanos != NO_TOKEN;
    }

    public long timeToFirstTokenNanos() {
        return firstTokenNanos - intendedNanos;
    }
}
