package io.sluice.egress.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request ids this instance has taken on recently, so a dispatch record seen twice (a transaction
 * of the processors aborted and retried, or a rebalance) starts at most one backend call here.
 */
final class RecentRequests {

    private final Map<String, Boolean> seen;

    RecentRequests(int capacity) {
        this.seen = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time an id is offered. */
    synchronized boolean firstTime(String requestId) {
        return seen.put(requestId, Boolean.TRUE) == null;
    }
}
