package io.sluice.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The candidates of one request, as the processors chose them: the pool (named after the model),
 * its strategy, and the members grouped by priority, best group first. Egress picks within a
 * group and moves to the next group only when every member of the current one is unavailable.
 * Travels in the {@code sluice-route} header as {@code pool|strategy|a:3,b:1;c:1|poolSize}.
 *
 * @param poolSize how many members the pool has in the configuration, including any left out of
 *                 this plan (their breaker was open): a pool of one reports its backend's own errors
 */
public record RoutePlan(String pool, RoutingStrategy strategy, List<List<PoolMember>> groups, int poolSize) {

    public RoutePlan {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(strategy, "strategy");
        groups = groups.stream().filter(g -> !g.isEmpty()).map(List::copyOf).toList();
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a route plan needs at least one backend");
        }
        int members = groups.stream().mapToInt(List::size).sum();
        if (poolSize < members) {
            throw new IllegalArgumentException("pool size " + poolSize + " is smaller than the " + members
                    + " members planned");
        }
    }

    /** A plan of every member of the pool. */
    public RoutePlan(String pool, RoutingStrategy strategy, List<List<PoolMember>> groups) {
        this(pool, strategy, groups, groups.stream().mapToInt(List::size).sum());
    }

    /** Ordered failover over {@code backends}: each its own group, in the order given. */
    public static RoutePlan failover(String pool, List<String> backends) {
        return new RoutePlan(pool, RoutingStrategy.FAILOVER,
                backends.stream().map(b -> List.of(PoolMember.of(b))).toList());
    }

    /** Every backend id, best group first. */
    public List<String> backends() {
        List<String> out = new ArrayList<>();
        groups.forEach(g -> g.forEach(m -> out.add(m.backend())));
        return out;
    }

    public int size() {
        return groups.stream().mapToInt(List::size).sum();
    }

    public String toHeader() {
        StringBuilder sb = new StringBuilder(pool).append('|').append(strategy.wireName()).append('|');
        for (int g = 0; g < groups.size(); g++) {
            if (g > 0) {
                sb.append(';');
            }
            List<PoolMember> group = groups.get(g);
            for (int i = 0; i < group.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(group.get(i).backend()).append(':').append(group.get(i).weight());
            }
        }
        return sb.append('|').append(poolSize).toString();
    }

    public static RoutePlan fromHeader(String header) {
        String[] parts = header.split("\\|", -1);
        if (parts.length != 3 && parts.length != 4) {
            throw new MalformedRecordException("route '" + header + "' is not pool|strategy|members|size");
        }
        try {
            List<List<PoolMember>> groups = new ArrayList<>();
            String[] groupTexts = parts[2].split(";");
            for (int g = 0; g < groupTexts.length; g++) {
                List<PoolMember> group = new ArrayList<>();
                for (String member : groupTexts[g].split(",")) {
                    if (member.isBlank()) {
                        continue;
                    }
                    int colon = member.lastIndexOf(':');
                    String id = colon < 0 ? member.trim() : member.substring(0, colon).trim();
                    int weight = colon < 0 ? 1 : Integer.parseInt(member.substring(colon + 1).trim());
                    group.add(new PoolMember(id, weight, g + 1));
                }
                groups.add(group);
            }
            RoutingStrategy strategy = RoutingStrategy.fromWire(parts[1]);
            return parts.length == 4 ? new RoutePlan(parts[0], strategy, groups, Integer.parseInt(parts[3].trim()))
                    : new RoutePlan(parts[0], strategy, groups);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("route '" + header + "': " + e.getMessage());
        }
    }
}
