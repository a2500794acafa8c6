package io.sluice.egress.pacing;

import java.time.Clock;

/**
 * Keeps one backend within its declared capacity (requests and tokens per minute) from this
 * instance. Tokens are reserved from an estimate before the call and settled with the real count
 * after it. Thread-safe.
 */
public final class BackendPacer {

    /** What was taken for one call; hand it back with {@link #settle}. */
    public record Reservation(long tokens) {
    }

    /** How full the pacer is now, for operators. */
    public record Snapshot(long requestsPerMinute, long tokensPerMinute, double share, long requestsAvailable,
            long tokensAvailable) {
    }

    private final Capacity capacity;
    private final Clock clock;
    private final TokenBucket requests;
    private final TokenBucket tokens;
    private double share = 1.0;

    public BackendPacer(Capacity capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
        long now = clock.millis();
        this.requests = capacity.requestsPerMinute() > 0
                ? new TokenBucket(capacity.requestsPerMinute(), capacity.burstSeconds(), now) : null;
        this.tokens = capacity.tokensPerMinute() > 0
                ? new TokenBucket(capacity.tokensPerMinute(), capacity.burstSeconds(), now) : null;
    }

    public Capacity capacity() {
        return capacity;
    }

    /**
     * Takes one request and {@code estimatedTokens} when both fit now.
     *
     * @return the reservation, or null when the backend is at capacity (see {@link #waitMs})
     */
    public synchronized Reservation tryReserve(long estimatedTokens) {
        long now = clock.millis();
        if (waitMs(estimatedTokens, now) > 0) {
            return null;
        }
        if (requests != null) {
            requests.take(1, now);
        }
        if (tokens != null) {
            tokens.take(estimatedTokens, now);
            return new Reservation(estimatedTokens);
        }
        return new Reservation(0);
    }

    /** Milliseconds until a call of {@code estimatedTokens} fits (0: now). */
    public synchronized long waitMs(long estimatedTokens) {
        return waitMs(estimatedTokens, clock.millis());
    }

    private long waitMs(long estimatedTokens, long now) {
        long wait = 0;
        if (requests != null) {
            wait = Math.max(wait, requests.waitMs(1, now));
        }
        if (tokens != null) {
            wait = Math.max(wait, tokens.waitMs(estimatedTokens, now));
        }
        return wait;
    }

    /** The call is over: charge its real token count instead of the estimate (0 when it failed). */
    public synchronized void settle(Reservation r, long actualTokens) {
        if (tokens == null) {
            return;
        }
        long difference = actualTokens - r.tokens();
        if (difference > 0) {
            tokens.take(difference, clock.millis());
        } else if (difference < 0) {
            tokens.give(-difference);
        }
    }

    /** This instance's share of the declared capacity: the part of the work it takes (0..1]. */
    public synchronized void share(double share) {
        this.share = share;
        long now = clock.millis();
        if (requests != null) {
            requests.share(share, now);
        }
        if (tokens != null) {
            tokens.share(share, now);
        }
    }

    public synchronized Snapshot snapshot() {
        long now = clock.millis();
        return new Snapshot(capacity.requestsPerMinute(), capacity.tokensPerMinute(), share,
                requests == null ? -1 : (long) Math.floor(requests.level(now)),
                tokens == null ? -1 : (long) Math.floor(tokens.level(now)));
    }
}
