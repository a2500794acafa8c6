package io.sluice.records;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a backend pool spreads requests over the members of one priority group. Priority groups
 * are always tried in order; the strategy decides the order inside a group.
 */
public enum RoutingStrategy {
    /** Members take turns. */
    ROUND_ROBIN("round-robin"),
    /** Members get requests in proportion to their weights. */
    WEIGHTED("weighted"),
    /** Weighted inside a priority group; lower groups only when every member above is unavailable. */
    PRIORITY("priority"),
    /** The members in the order listed, each its own group. */
    FAILOVER("failover"),
    /** The member with the fewest calls in flight. */
    LEAST_BUSY("least-busy"),
    /** The member with the lowest recent latency (smoothed). */
    LOWEST_LATENCY("lowest-latency");

    private final String wireName;

    RoutingStrategy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static RoutingStrategy fromWire(String name) {
        for (RoutingStrategy s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown routing strategy '" + name + "'. Strategies are "
                + Arrays.stream(values()).map(RoutingStrategy::wireName).collect(Collectors.joining(", ")));
    }
}
