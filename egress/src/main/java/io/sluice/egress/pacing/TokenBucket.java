package io.sluice.egress.pacing;

/**
 * A rate of so many units per minute with a burst allowance, refilled continuously from the
 * times callers pass in (no clock of its own, no timers). The level may go below zero when a
 * debt is charged after the fact (actual tokens above the estimate); callers then wait longer.
 * Not thread-safe: its pacer guards it.
 */
final class TokenBucket {

    private final double perMinute;
    private final double burstSeconds;
    private double share = 1.0;
    private double level;
    private long lastMs;

    TokenBucket(double perMinute, double burstSeconds, long nowMs) {
        this.perMinute = perMinute;
        this.burstSeconds = burstSeconds;
        this.level = capacity();
        this.lastMs = nowMs;
    }

    double capacity() {
        return perMinute * share * burstSeconds / 60.0;
    }

    private double perMs() {
        return perMinute * share / 60_000.0;
    }

    /** This instance's part of the declared rate (its share of the work). */
    void share(double share, long nowMs) {
        refill(nowMs);
        this.share = share;
        level = Math.min(level, capacity());
    }

    /**
     * Milliseconds until {@code units} may be taken (0: now). A request larger than the whole burst
     * waits for a full bucket, then goes.
     */
    long waitMs(double units, long nowMs) {
        refill(nowMs);
        double need = Math.min(units, capacity());
        if (level >= need) {
            return 0;
        }
        double rate = perMs();
        return rate <= 0 ? Long.MAX_VALUE : Math.max(1, (long) Math.ceil((need - level) / rate));
    }

    void take(double units, long nowMs) {
        refill(nowMs);
        level -= units;
    }

    void give(double units) {
        level = Math.min(capacity(), level + units);
    }

    double level(long nowMs) {
        refill(nowMs);
        return level;
    }

    private void refill(long nowMs) {
        if (nowMs > lastMs) {
            level = Math.min(capacity(), level + (nowMs - lastMs) * perMs());
            lastMs = nowMs;
        }
    }
}
