package io.sluice.egress.breaker;

import java.util.Set;
import java.util.TreeSet;

/**
 * When a backend's circuit breaker trips, for how long, and how it recovers.
 *
 * @param consecutiveFailures trip after this many failures in a row (0: never on a run of failures)
 * @param failureRatePercent  trip when at least this share of the calls in {@code intervalMs} failed...
 * @param minimumCalls        ...and there were at least this many calls in the interval (0: rate rule off)
 * @param intervalMs          the sliding window of the rate rule
 * @param openMs              how long a tripped breaker stays open when the backend gave no Retry-After
 * @param maxOpenMs           the longest Retry-After honoured (a safety net against absurd values)
 * @param halfOpenProbes      calls let through after the open period; that many successes close the breaker,
 *                            one failure opens it again
 * @param failureStatuses     HTTP statuses that count as failures (timeouts and connection errors always do)
 * @param honourRetryAfter    when the failure that trips the breaker carried Retry-After, stay open exactly that long
 */
public record BreakerSettings(
        int consecutiveFailures,
        int failureRatePercent,
        int minimumCalls,
        long intervalMs,
        long openMs,
        long maxOpenMs,
        int halfOpenProbes,
        Set<Integer> failureStatuses,
        boolean honourRetryAfter) {

    public BreakerSettings {
        require(consecutiveFailures >= 0, "consecutive-failures", "must be 0 (off) or more");
        require(failureRatePercent >= 1 && failureRatePercent <= 100, "failure-rate-percent",
                "must be between 1 and 100");
        require(minimumCalls >= 0, "minimum-calls", "must be 0 (rate rule off) or more");
        require(intervalMs >= 1_000, "interval-ms", "must be at least 1000");
        require(openMs >= 1, "open-ms", "must be at least 1");
        require(maxOpenMs >= openMs, "max-open-ms", "must be at least open-ms");
        require(halfOpenProbes >= 1, "half-open-probes", "must be at least 1");
        failureStatuses = Set.copyOf(failureStatuses);
        for (int s : failureStatuses) {
            require(s >= 400 && s <= 599, "failure-statuses", "may only hold 4xx and 5xx statuses (got " + s + ")");
        }
    }

    /** 5 failures in a row, or half of at least 20 calls in 30 s; open 30 s (or Retry-After); one probe. */
    public static BreakerSettings defaults() {
        return new BreakerSettings(5, 50, 20, 30_000, 30_000, 600_000, 1, statuses(429, 429, 500, 599), true);
    }

    /** The statuses of the given inclusive ranges, given as pairs: {@code statuses(429, 429, 500, 599)}. */
    public static Set<Integer> statuses(int... ranges) {
        if (ranges.length % 2 != 0) {
            throw new IllegalArgumentException("give status ranges as pairs of from, to");
        }
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < ranges.length; i += 2) {
            for (int s = ranges[i]; s <= ranges[i + 1]; s++) {
                out.add(s);
            }
        }
        return out;
    }

    public boolean countsStatus(int status) {
        return failureStatuses.contains(status);
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("breaker." + key + ": " + problem);
        }
    }
}
