package io.sluice.ingress.auth;

import io.sluice.records.governance.CounterScope;
import java.util.List;
import java.util.Objects;

/**
 * Who is calling: the API key's id (never the key), the subscription it belongs to, what that
 * subscription's limits are counted per, and the models it may use (empty: every model).
 */
public record Caller(String keyId, String subscriptionId, CounterScope counterScope, List<String> models) {

    public Caller {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        counterScope = counterScope == null ? CounterScope.SUBSCRIPTION : counterScope;
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** A caller whose subscription has no limits and may use every model. */
    public Caller(String keyId, String subscriptionId) {
        this(keyId, subscriptionId, CounterScope.SUBSCRIPTION, List.of());
    }

    public boolean mayUse(String model) {
        return models.isEmpty() || models.contains(model);
    }
}
