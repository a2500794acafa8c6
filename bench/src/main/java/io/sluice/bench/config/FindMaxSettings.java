package io.sluice.bench.config;

/** The search for the highest sustained rate: zero errors and p99 within a bound. */
public record FindMaxSettings(boolean enabled, long maxP99Ms, double startRate, int maxTrials) {

    public FindMaxSettings {
        if (maxP99Ms < 1) {
            throw new FlagException("--max-p99-ms must be >= 1, got " + maxP99Ms);
        }
        if (!(startRate > 0) || Double.isInfinite(startRate)) {
            throw new FlagException("--find-max-start must be a rate > 0, got " + startRate);
        }
        if (maxTrials < 1 || maxTrials > 50) {
            throw new FlagException("--find-max-trials must be 1..50, got " + maxTrials);
        }
    }
}
