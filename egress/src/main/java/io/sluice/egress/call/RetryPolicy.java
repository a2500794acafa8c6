package io.sluice.egress.call;

import java.util.random.RandomGenerator;

/**
 * How far a request fails over: at most {@code maxAttempts} backend calls (each pool member at
 * most once), with a jittered pause before each failover that doubles per attempt, capped.
 *
 * @param backoffMs    the pause before the first failover is uniformly random in [0, backoffMs]
 * @param maxBackoffMs no pause is longer than this
 */
public record RetryPolicy(int maxAttempts, long backoffMs, long maxBackoffMs) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("routing.max-attempts must be at least 1");
        }
        if (backoffMs < 0) {
            throw new IllegalArgumentException("routing.retry-backoff-ms must be 0 or more");
        }
        if (maxBackoffMs < backoffMs) {
            throw new IllegalArgumentException("routing.max-retry-backoff-ms must be at least routing.retry-backoff-ms");
        }
    }

    /** Three attempts; 10 ms, 20 ms... of full jitter, at most 500 ms. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, 10, 500);
    }

    /** The pause before the attempt that follows {@code failedAttempts} failed ones (full jitter). */
    public long pauseMs(int failedAttempts, RandomGenerator random) {
        if (backoffMs == 0 || failedAttempts < 1) {
            return 0;
        }
        long ceiling = Math.min(maxBackoffMs, backoffMs << Math.min(20, failedAttempts - 1));
        return random.nextLong(ceiling + 1);
    }
}
