package io.sluice.egress.breaker;

/**
 * Calls and failures of the last {@code intervalMs}, in one-second buckets, so memory stays
 * constant however many calls a backend takes. Not thread-safe: its breaker guards it.
 */
final class CallWindow {

    private final long[] second;
    private final int[] calls;
    private final int[] failures;
    private final long intervalSeconds;

    CallWindow(long intervalMs) {
        this.intervalSeconds = Math.max(1, intervalMs / 1_000);
        int buckets = (int) intervalSeconds;
        this.second = new long[buckets];
        this.calls = new int[buckets];
        this.failures = new int[buckets];
        java.util.Arrays.fill(second, Long.MIN_VALUE);
    }

    void record(long nowMs, boolean failed) {
        long s = Math.floorDiv(nowMs, 1_000);
        int i = (int) Math.floorMod(s, second.length);
        if (second[i] != s) {
            second[i] = s;
            calls[i] = 0;
            failures[i] = 0;
        }
        calls[i]++;
        if (failed) {
            failures[i]++;
        }
    }

    int calls(long nowMs) {
        return sum(nowMs, calls);
    }

    int failures(long nowMs) {
        return sum(nowMs, failures);
    }

    void clear() {
        java.util.Arrays.fill(second, Long.MIN_VALUE);
    }

    private int sum(long nowMs, int[] counts) {
        long s = Math.floorDiv(nowMs, 1_000);
        int total = 0;
        for (int i = 0; i < second.length; i++) {
            if (second[i] > s - intervalSeconds && second[i] <= s) {
                total += counts[i];
            }
        }
        return total;
    }
}
