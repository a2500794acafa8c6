package io.sluice.bench.load;

import java.util.concurrent.atomic.AtomicInteger;

/** Bounds the requests in flight across all workers of a step. */
final class OutstandingLimit {
    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    OutstandingLimit(int max) {
        this.max = max;
    }

    boolean tryAcquire() {
        while (true) {
            int current = inFlight.get();
            if (current >= max) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        inFlight.decrementAndGet();
    }
}
