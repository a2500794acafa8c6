package io.sluice.processors.batch;

import io.sluice.records.governance.CounterScope;
import java.util.List;
import java.util.Objects;

/** Who produced a batch line: the key's id (never the key), its subscription, its counter scope and models. */
public record BatchCaller(String keyId, String subscriptionId, CounterScope scope, List<String> models) {

    public BatchCaller {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        scope = scope == null ? CounterScope.SUBSCRIPTION : scope;
        models = models == null ? List.of() : List.copyOf(models);
    }

    public boolean mayUse(String model) {
        return models.isEmpty() || models.contains(model);
    }
}
