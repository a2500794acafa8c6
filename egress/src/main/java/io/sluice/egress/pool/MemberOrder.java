package io.sluice.egress.pool;

import io.sluice.records.PoolMember;
import io.sluice.records.RoutingStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Orders the members of one priority group for a request, by the pool's strategy: the first is
 * the one to call, the rest the failover order. Keeps the turn-taking state per group (smooth
 * weighted round-robin, so weights are met exactly, not just on average). Not thread-safe: its
 * owner guards it.
 */
final class MemberOrder {

    private final Map<String, int[]> currentWeights = new HashMap<>();
    private final Map<String, Integer> turns = new HashMap<>();

    /**
     * @param fresh  true for the request's first pick in this group; turn-taking state only moves then,
     *               so a failover inside the group does not skew the split
     * @param inFlight calls in flight per member (least-busy)
     * @param latency  smoothed latency per member, negative when unknown (lowest-latency)
     */
    List<PoolMember> order(String groupKey, RoutingStrategy strategy, List<PoolMember> group, boolean fresh,
            ToDoubleFunction<PoolMember> inFlight, ToDoubleFunction<PoolMember> latency) {
        return switch (strategy) {
            case FAILOVER -> group;
            case ROUND_ROBIN -> rotated(group, turn(groupKey, group.size(), fresh));
            case WEIGHTED, PRIORITY -> weighted(groupKey, group, fresh);
            case LEAST_BUSY -> sorted(rotated(group, turn(groupKey, group.size(), true)), inFlight);
            case LOWEST_LATENCY -> sorted(rotated(group, turn(groupKey, group.size(), true)),
                    withUnknownAsBest(group, latency));
        };
    }

    /**
     * A member without a latency yet counts as fast as the fastest known one: it gets its turn and
     * a first sample, without drawing every request while its first call is out.
     */
    private static ToDoubleFunction<PoolMember> withUnknownAsBest(List<PoolMember> group,
            ToDoubleFunction<PoolMember> latency) {
        double best = group.stream().mapToDouble(latency).filter(v -> v >= 0).min().orElse(0);
        return m -> {
            double v = latency.applyAsDouble(m);
            return v < 0 ? best : v;
        };
    }

    private int turn(String key, int size, boolean advance) {
        int t = turns.getOrDefault(key, 0);
        if (advance) {
            turns.put(key, (t + 1) % Math.max(1, size));
        }
        return Math.floorMod(t, Math.max(1, size));
    }

    private static List<PoolMember> rotated(List<PoolMember> group, int start) {
        List<PoolMember> out = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            out.add(group.get((start + i) % group.size()));
        }
        return out;
    }

    /** Stable: members that tie keep their rotated order, so ties take turns. */
    private static List<PoolMember> sorted(List<PoolMember> group, ToDoubleFunction<PoolMember> key) {
        List<PoolMember> out = new ArrayList<>(group);
        out.sort(Comparator.comparingDouble(key));
        return out;
    }

    private List<PoolMember> weighted(String key, List<PoolMember> group, boolean fresh) {
        List<PoolMember> byWeight = new ArrayList<>(group);
        byWeight.sort(Comparator.comparingInt(PoolMember::weight).reversed());
        if (!fresh || group.size() == 1) {
            return byWeight;
        }
        int[] current = currentWeights.computeIfAbsent(key, k -> new int[group.size()]);
        int total = 0;
        int best = 0;
        for (int i = 0; i < group.size(); i++) {
            current[i] += group.get(i).weight();
            total += group.get(i).weight();
            if (current[i] > current[best]) {
                best = i;
            }
        }
        current[best] -= total;
        PoolMember first = group.get(best);
        List<PoolMember> out = new ArrayList<>(group.size());
        out.add(first);
        byWeight.stream().filter(m -> m != first).forEach(out::add);
        return out;
    }
}
