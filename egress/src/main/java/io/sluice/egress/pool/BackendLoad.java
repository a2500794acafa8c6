package io.sluice.egress.pool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live load of one backend in this instance: calls in flight, and recent latency smoothed
 * exponentially (time to the whole answer, or to the first chunk of a stream).
 */
public final class BackendLoad {

    /** Weight of the newest sample; about the last five calls dominate. */
    static final double ALPHA = 0.3;

    private final AtomicInteger inFlight = new AtomicInteger();
    private double latencyMs = -1;

    public void started() {
        inFlight.incrementAndGet();
    }

    public void finished() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public synchronized void latency(double ms) {
        latencyMs = latencyMs < 0 ? ms : ALPHA * ms + (1 - ALPHA) * latencyMs;
    }

    /** Smoothed latency in ms, or -1 before the first successful call. */
    public synchronized double latencyMs() {
        return latencyMs;
    }
}
