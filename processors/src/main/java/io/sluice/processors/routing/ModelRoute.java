package io.sluice.processors.routing;

import io.sluice.records.Operation;
import io.sluice.records.PoolMember;
import io.sluice.records.RoutePlan;
import io.sluice.records.RoutingStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Where requests for one model name go: the operation the model serves and its backend pool, the
 * members with their weights and priorities and the strategy that spreads requests over them.
 */
public record ModelRoute(String model, Operation operation, RoutingStrategy strategy, List<PoolMember> members) {
    public ModelRoute {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(strategy, "strategy");
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("model " + model + " needs at least one backend");
        }
    }

    /** Ordered failover over {@code backends}. */
    public ModelRoute(String model, Operation operation, List<String> backends) {
        this(model, operation, RoutingStrategy.FAILOVER, backends.stream().map(PoolMember::of).toList());
    }

    /** Every backend id, in the order configured. */
    public List<String> backends() {
        return members.stream().map(PoolMember::backend).toList();
    }

    /**
     * The candidates of one request: the members not {@code blocked}, in priority groups (for
     * failover, one group per member in the order listed), or null when every member is blocked.
     */
    public RoutePlan plan(Predicate<String> blocked) {
        List<List<PoolMember>> groups = new ArrayList<>();
        if (strategy == RoutingStrategy.FAILOVER) {
            members.stream().filter(m -> !blocked.test(m.backend())).forEach(m -> groups.add(List.of(m)));
        } else {
            TreeMap<Integer, List<PoolMember>> byPriority = new TreeMap<>();
            members.stream().filter(m -> !blocked.test(m.backend()))
                    .forEach(m -> byPriority.computeIfAbsent(m.priority(), p -> new ArrayList<>()).add(m));
            groups.addAll(byPriority.values());
        }
        return groups.isEmpty() ? null : new RoutePlan(model, strategy, groups, members.size());
    }
}
