package io.sluice.processors.routing;

import io.sluice.records.Operation;
import java.util.List;
import java.util.Objects;

/**
 * Where requests for one model name go: the operation the model serves and the backends to try,
 * in order.
 */
public record ModelRoute(String model, Operation operation, List<String> backends) {
    public ModelRoute {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(operation, "operation");
        backends = List.copyOf(backends);
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("model " + model + " needs at least one backend");
        }
    }
}
