package io.sluice.egress.pool;

import io.sluice.egress.backend.BackendEndpoint;
import io.sluice.egress.backend.BackendPolicy;
import io.sluice.egress.breaker.CircuitBreaker;
import io.sluice.egress.pacing.BackendPacer;
import io.sluice.records.BackendHealth;
import io.sluice.records.PoolMember;
import io.sluice.records.RoutePlan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The backends this egress instance calls, each with its breaker, pacer and load, and the choice
 * of the next backend for a request: priority groups in order; inside a group the pool's
 * strategy; members that are open, out of probes, at capacity or already tried are skipped.
 */
public final class LiveBackends {

    private static final long DEFAULT_RETRY_AFTER_MS = 1_000;

    private final Map<String, LiveBackend> backends = new LinkedHashMap<>();
    private final MemberOrder order = new MemberOrder();
    private final Clock clock;

    /**
     * @param onChange where this instance's breaker changes go (the backend-health topic)
     */
    public LiveBackends(Map<String, BackendEndpoint> endpoints, Map<String, BackendPolicy> policies, Clock clock,
            String instanceId, Consumer<BackendHealth> onChange) {
        this.clock = clock;
        endpoints.forEach((id, endpoint) -> {
            BackendPolicy policy = policies.getOrDefault(id, BackendPolicy.defaults());
            backends.put(id, new LiveBackend(endpoint, policy,
                    new CircuitBreaker(id, policy.breaker(), clock, instanceId, onChange),
                    new BackendPacer(policy.capacity(), clock), new BackendLoad()));
        });
    }

    public LiveBackend get(String id) {
        return backends.get(id);
    }

    public Collection<LiveBackend> all() {
        return backends.values();
    }

    /** A state change read from the backend-health topic. */
    public void apply(BackendHealth health) {
        LiveBackend b = backends.get(health.backend());
        if (b != null) {
            b.breaker().apply(health);
        }
    }

    /** This instance's share of the work, which scales every declared capacity. */
    public void share(double share) {
        backends.values().forEach(b -> b.pacer().share(share));
    }

    /** The next backend to call for a request that has already tried {@code tried}. */
    public Selection select(RoutePlan plan, Set<String> tried, long estimatedTokens) {
        long now = clock.millis();
        long waitMs = Long.MAX_VALUE;
        long availableAt = Long.MAX_VALUE;
        List<String> why = new ArrayList<>();
        for (List<PoolMember> group : plan.groups()) {
            List<PoolMember> candidates = group.stream()
                    .filter(m -> backends.containsKey(m.backend()) && !tried.contains(m.backend()))
                    .toList();
            group.stream().filter(m -> tried.contains(m.backend())).forEach(m -> why.add(m.backend() + " tried"));
            if (candidates.isEmpty()) {
                continue;
            }
            boolean fresh = group.stream().noneMatch(m -> tried.contains(m.backend()));
            for (PoolMember m : ordered(plan, group, candidates, fresh)) {
                LiveBackend b = backends.get(m.backend());
                CircuitBreaker.Permit permit = b.breaker().tryAcquire();
                if (permit == null) {
                    long at = b.breaker().availableAtMs();
                    availableAt = Math.min(availableAt, at);
                    why.add(m.backend() + " open for " + Math.max(0, at - now) / 1_000 + " s");
                    continue;
                }
                BackendPacer.Reservation reservation = b.pacer().tryReserve(estimatedTokens);
                if (reservation == null) {
                    b.breaker().release(permit);
                    long wait = b.pacer().waitMs(estimatedTokens);
                    waitMs = Math.min(waitMs, Math.max(1, wait));
                    why.add(m.backend() + " at capacity");
                    continue;
                }
                return new Selection.Chosen(b, permit, reservation);
            }
        }
        if (waitMs != Long.MAX_VALUE) {
            return new Selection.Wait(waitMs);
        }
        long retryAfter = availableAt == Long.MAX_VALUE ? DEFAULT_RETRY_AFTER_MS : Math.max(1, availableAt - now);
        return new Selection.NoneLeft(retryAfter, why.isEmpty() ? "no backend of the pool is configured here"
                : why.stream().distinct().collect(Collectors.joining(", ")));
    }

    private synchronized List<PoolMember> ordered(RoutePlan plan, List<PoolMember> group, List<PoolMember> candidates,
            boolean fresh) {
        List<PoolMember> known = group.stream().filter(m -> backends.containsKey(m.backend())).toList();
        String key = plan.pool() + "#" + known.stream().map(m -> m.backend() + ":" + m.weight())
                .collect(Collectors.joining(","));
        List<PoolMember> ordered = order.order(key, plan.strategy(), known, fresh,
                m -> backends.get(m.backend()).load().inFlight(),
                m -> backends.get(m.backend()).load().latencyMs());
        return ordered.stream().filter(candidates::contains).toList();
    }
}
