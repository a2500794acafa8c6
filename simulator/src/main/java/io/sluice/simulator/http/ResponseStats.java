package io.sluice.simulator.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts received requests and completed responses by HTTP status (control paths excluded). */
public final class ResponseStats {

    private final LongAdder requests = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    public void requestReceived() {
        requests.increment();
    }

    public void responseSent(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    public long requests() {
        return requests.sum();
    }

    /** Completed responses per status, ordered by status. */
    public Map<Integer, Long> byStatus() {
        Map<Integer, Long> snapshot = new TreeMap<>();
        byStatus.forEach((status, count) -> snapshot.put(status, count.sum()));
        return snapshot;
    }

    public void clear() {
        requests.reset();
        byStatus.clear();
    }
}
