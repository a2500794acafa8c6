package io.sluice.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Resolves the model of an inference request: the Azure deployment, else the body's {@code model} field. */
public final class ModelField {

    private ModelField() {
    }

    /** The served model, or a rejection: 400 when the field is missing, 404 when the model is not served. */
    public static String resolve(JsonNode body, String deployment, List<String> models) {
        String model = deployment;
        if (model == null) {
            JsonNode node = body.get("model");
            if (node == null || node.isNull()) {
                throw new RejectedRequest(ApiError.missingParam("model"));
            }
            if (!node.isTextual()) {
                throw new RejectedRequest(ApiError.invalidParam("model",
                        "Invalid type for 'model': expected a string."));
            }
            model = node.textValue();
        }
        if (!models.contains(model)) {
            throw new RejectedRequest(ApiError.modelNotFound(model));
        }
        return model;
    }
}
