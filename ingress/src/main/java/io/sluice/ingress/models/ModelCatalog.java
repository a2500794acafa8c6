package io.sluice.ingress.models;

import java.util.List;

/** The model names this gateway serves, as {@code GET /v1/models} lists them. */
public record ModelCatalog(List<String> models) {
    public ModelCatalog {
        models = List.copyOf(models);
    }

    public boolean contains(String model) {
        return models.contains(model);
    }
}
