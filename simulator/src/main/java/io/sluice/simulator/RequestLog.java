package io.sluice.simulator;

import java.util.ArrayDeque;
import java.util.List;

/** Thread-safe log of the last {@value #CAPACITY} requests the simulator received (control paths excluded). */
public final class RequestLog {

    public static final int CAPACITY = 1000;

    private final ArrayDeque<ReceivedRequest> entries = new ArrayDeque<>(CAPACITY);
    private int count;

    public synchronized void add(ReceivedRequest request) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(request);
        count++;
    }

    /** The retained requests, oldest first. */
    public synchronized List<ReceivedRequest> all() {
        return List.copyOf(entries);
    }

    /** The most recent request, or null when none was received since the last clear. */
    public synchronized ReceivedRequest last() {
        return entries.peekLast();
    }

    /** How many requests arrived since the last clear (may exceed the retained {@link #all()}). */
    public synchronized int count() {
        return count;
    }

    public synchronized void clear() {
        entries.clear();
        count = 0;
    }
}
