package io.sluice.egress.dispatch;

import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The offsets of one partition whose work is still in flight. Work finishes in any order; the
 * offset that may be committed is the lowest one still in flight, so a restart redoes only
 * unfinished work and never skips any.
 */
final class PartitionOffsets {

    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
    private volatile long next = -1;

    /** Called by the polling thread, in offset order. */
    void started(long offset) {
        inFlight.add(offset);
        next = offset + 1;
    }

    /** Called from any thread when the work at {@code offset} has finished. */
    void finished(long offset) {
        inFlight.remove(offset);
    }

    /** The offset to commit (the next one to process after a restart), or -1 when nothing was seen. */
    long committable() {
        long seen = next;
        if (seen < 0) {
            return -1;
        }
        // one atomic read: work finishing on another thread between an isEmpty() and a first()
        // would make first() throw on the set it just emptied
        Long lowest = inFlight.ceiling(Long.MIN_VALUE);
        return lowest == null ? seen : lowest;
    }

    int inFlight() {
        return inFlight.size();
    }
}
