package io.sluice.launcher.config;

import io.sluice.egress.backend.BackendPolicy;
import io.sluice.egress.breaker.BreakerSettings;
import io.sluice.egress.call.RetryPolicy;
import io.sluice.egress.health.HealthCheckSettings;
import io.sluice.egress.pacing.Capacity;
import io.sluice.records.PoolMember;
import io.sluice.records.RoutingStrategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the routing and resilience parts of the configuration: a model's pool (members, weights,
 * priorities, strategy), the {@code routing} section (attempts, backoff, breaker defaults), and
 * each backend's breaker, capacity, health checks and first-byte timeout.
 */
final class RoutingSection {

    /** Keys a backend entry may carry besides its address. */
    static final String[] BACKEND_KEYS = {"breaker", "capacity", "health-check", "first-byte-timeout-ms"};

    private static final String STRATEGIES = "round-robin, weighted, priority, failover, least-busy, lowest-latency";

    /** A model's pool as configured. */
    record Pool(RoutingStrategy strategy, List<PoolMember> members) {
        List<String> backendIds() {
            return members.stream().map(PoolMember::backend).toList();
        }
    }

    private RoutingSection() {
    }

    /**
     * One model's pool: {@code backend-id}, {@code {backend: x}}, {@code {backends: [a, b]}} (ordered
     * failover unless a strategy is given), or {@code {strategy: s, members: [...]}}.
     */
    static Pool pool(String model, ConfigNode m, Set<String> declared) {
        if (m.isScalar()) {
            return new Pool(RoutingStrategy.FAILOVER, List.of(member(m, m.asString(), 1, 1, declared)));
        }
        m.allowOnly("backend", "backends", "members", "strategy", "type");
        int given = (m.has("backend") ? 1 : 0) + (m.has("backends") ? 1 : 0) + (m.has("members") ? 1 : 0);
        if (given > 1) {
            throw m.error("members", "give one of backend, backends or members, not several");
        }
        if (given == 0) {
            throw m.error("backend", "is required: name the backend that serves " + model
                    + ", or list a pool under members");
        }
        RoutingStrategy strategy = strategy(m, m.has("members") ? RoutingStrategy.WEIGHTED : RoutingStrategy.FAILOVER);
        List<PoolMember> members = new ArrayList<>();
        if (m.has("members")) {
            List<ConfigNode> items = m.list("members");
            if (items.isEmpty()) {
                throw m.error("members", "is empty. List at least one backend, e.g. members: [{ backend: openai }]");
            }
            for (ConfigNode item : items) {
                if (item.isScalar()) {
                    members.add(member(item, item.asString(), 1, 1, declared));
                    continue;
                }
                item.allowOnly("backend", "weight", "priority");
                if (strategy == RoutingStrategy.FAILOVER && item.has("priority")) {
                    throw item.error("priority", "does not apply to strategy failover, which tries members in "
                            + "the order listed. Remove it, or use strategy: priority.");
                }
                members.add(member(item, item.requiredString("backend", "Name a declared backend."),
                        item.integer("weight", 1, 1, 1_000), item.integer("priority", 1, 1, 100), declared));
            }
        } else {
            List<String> ids = m.has("backend") ? List.of(m.string("backend", null)) : m.strings("backends", List.of());
            if (ids.isEmpty()) {
                throw m.error("backends", "is empty: name the backends that serve " + model);
            }
            for (String id : ids) {
                members.add(member(m, id, 1, 1, declared));
            }
        }
        Set<String> seen = new HashSet<>();
        for (PoolMember p : members) {
            if (!seen.add(p.backend())) {
                throw m.error(m.has("members") ? "members" : "backends", "lists backend '" + p.backend()
                        + "' twice; a pool member appears once (give it more weight instead)");
            }
        }
        return new Pool(strategy, List.copyOf(members));
    }

    private static RoutingStrategy strategy(ConfigNode m, RoutingStrategy fallback) {
        String s = m.string("strategy", null);
        if (s == null) {
            return fallback;
        }
        try {
            return RoutingStrategy.fromWire(s.trim());
        } catch (IllegalArgumentException e) {
            throw m.error("strategy", "unknown strategy '" + s + "'. Strategies are " + STRATEGIES + ".");
        }
    }

    private static PoolMember member(ConfigNode at, String id, int weight, int priority, Set<String> declared) {
        if (id == null || !declared.contains(id)) {
            throw at.error(at.isScalar() ? null : "backend", "names backend '" + id
                    + "', which is not declared. Declared backends: " + String.join(", ", new TreeSet<>(declared)));
        }
        return new PoolMember(id, weight, priority);
    }

    /** The {@code routing} section and every backend's own policy keys. */
    static RoutingConfig read(ConfigNode root, List<SluiceConfig.Backend> backends) {
        ConfigNode r = root.child("routing").allowOnly("max-attempts", "retry-backoff-ms", "max-retry-backoff-ms",
                "breaker");
        long backoff = r.longValue("retry-backoff-ms", 10, 0, 60_000);
        long maxBackoff = r.longValue("max-retry-backoff-ms", Math.max(500, backoff), 0, 600_000);
        if (maxBackoff < backoff) {
            throw r.error("max-retry-backoff-ms", "must be at least retry-backoff-ms (" + backoff + ")");
        }
        RetryPolicy retry = new RetryPolicy(r.integer("max-attempts", 3, 1, 20), backoff, maxBackoff);
        BreakerSettings defaults = breaker(r.child("breaker"), BreakerSettings.defaults());

        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        if (root.has("backends")) {
            for (ConfigNode b : root.list("backends")) {
                String id = b.string("id", null);
                if (id != null) {
                    entries.put(id, b);
                }
            }
        }
        Map<String, BackendPolicy> policies = new LinkedHashMap<>();
        for (SluiceConfig.Backend backend : backends) {
            ConfigNode b = entries.get(backend.id());
            policies.put(backend.id(), b == null ? new BackendPolicy(defaults, Capacity.UNLIMITED, null, 0)
                    : policy(b, backend, defaults));
        }
        return new RoutingConfig(retry, policies);
    }

    private static BackendPolicy policy(ConfigNode b, SluiceConfig.Backend backend, BreakerSettings defaults) {
        ConfigNode c = b.child("capacity").allowOnly("requests-per-minute", "tokens-per-minute", "burst-seconds");
        Capacity capacity = new Capacity(c.longValue("requests-per-minute", 0, 0, 100_000_000),
                c.longValue("tokens-per-minute", 0, 0, 100_000_000_000L), c.decimal("burst-seconds", 10, 0.01, 60));
        return new BackendPolicy(breaker(b.child("breaker"), defaults), capacity, healthCheck(b, backend),
                b.longValue("first-byte-timeout-ms", 0, 0, 3_600_000));
    }

    private static HealthCheckSettings healthCheck(ConfigNode b, SluiceConfig.Backend backend) {
        if (!b.has("health-check")) {
            return null;
        }
        ConfigNode h = b.child("health-check").allowOnly("interval-ms", "path", "timeout-ms", "healthy-threshold",
                "unhealthy-threshold");
        String path = h.string("path", backend.type().equals("azure-openai") ? "/openai/models" : "/models");
        if (!path.startsWith("/")) {
            throw h.error("path", "must start with / (got '" + path + "'); it is relative to the backend's "
                    + (backend.type().equals("azure-openai") ? "endpoint" : "base-url"));
        }
        long interval = h.longValue("interval-ms", 10_000, 100, 3_600_000);
        return new HealthCheckSettings(interval, path, h.longValue("timeout-ms", Math.min(2_000, interval), 1,
                600_000), h.integer("healthy-threshold", 2, 1, 100), h.integer("unhealthy-threshold", 3, 1, 100));
    }

    private static BreakerSettings breaker(ConfigNode n, BreakerSettings base) {
        n.allowOnly("consecutive-failures", "failure-rate-percent", "minimum-calls", "interval-ms", "open-ms",
                "max-open-ms", "half-open-probes", "failure-statuses", "honour-retry-after");
        long openMs = n.longValue("open-ms", base.openMs(), 1, 86_400_000);
        long maxOpen = n.longValue("max-open-ms", Math.max(base.maxOpenMs(), openMs), 1, 86_400_000);
        if (maxOpen < openMs) {
            throw n.error("max-open-ms", "must be at least open-ms (" + openMs + ")");
        }
        return new BreakerSettings(
                n.integer("consecutive-failures", base.consecutiveFailures(), 0, 1_000_000),
                n.integer("failure-rate-percent", base.failureRatePercent(), 1, 100),
                n.integer("minimum-calls", base.minimumCalls(), 0, 1_000_000),
                n.longValue("interval-ms", base.intervalMs(), 1_000, 86_400_000),
                openMs, maxOpen,
                n.integer("half-open-probes", base.halfOpenProbes(), 1, 1_000),
                n.has("failure-statuses") ? statuses(n) : base.failureStatuses(),
                n.bool("honour-retry-after", base.honourRetryAfter()));
    }

    /** {@code [429, "500-599"]}: single statuses and inclusive ranges of 4xx and 5xx. */
    private static Set<Integer> statuses(ConfigNode n) {
        Set<Integer> out = new TreeSet<>();
        for (String item : n.strings("failure-statuses", List.of())) {
            String[] range = item.trim().split("-");
            try {
                int from = Integer.parseInt(range[0].trim());
                int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
                if (range.length > 2 || from < 400 || to > 599 || to < from) {
                    throw new NumberFormatException();
                }
                for (int s = from; s <= to; s++) {
                    out.add(s);
                }
            } catch (NumberFormatException e) {
                throw n.error("failure-statuses", "'" + item + "' is not a 4xx/5xx status or a range like "
                        + "\"500-599\"");
            }
        }
        return out;
    }
}
