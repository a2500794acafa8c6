package io.sluice.simulator.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.simulator.openai.ApiError;
import io.sluice.simulator.openai.ModelField;
import io.sluice.simulator.openai.RejectedRequest;
import io.sluice.simulator.tokens.ChatTokenCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * An embeddings request: one seed text per input (token-id inputs become their id list), the prompt tokens of all
 * inputs, the vector size and whether vectors are sent as base64.
 */
public record EmbeddingRequest(String model, List<String> inputs, int promptTokens, int dimensions,
        boolean base64) {

    /** The largest {@code dimensions} accepted. */
    public static final int MAX_DIMENSIONS = 8192;

    /** Reads and validates a request body; {@code deployment} is the Azure path's model, or null. */
    public static EmbeddingRequest read(JsonNode body, String deployment, List<String> models,
            int defaultDimensions, ChatTokenCounter counter) {
        String model = ModelField.resolve(body, deployment, models);
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw new RejectedRequest(ApiError.missingParam("input"));
        }
        List<String> inputs = new ArrayList<>();
        int tokens = 0;
        if (input.isTextual()) {
            tokens += addText(input, model, counter, inputs);
        } else if (input.isArray() && !input.isEmpty() && input.get(0).isIntegralNumber()) {
            tokens += addTokenIds(input, inputs);
        } else if (input.isArray() && !input.isEmpty()) {
            for (JsonNode item : input) {
                tokens += item.isArray() ? addTokenIds(item, inputs) : addText(item, model, counter, inputs);
            }
        } else {
            throw invalidInput();
        }
        return new EmbeddingRequest(model, List.copyOf(inputs), tokens, readDimensions(body, defaultDimensions),
                readBase64(body));
    }

    private static int addText(JsonNode item, String model, ChatTokenCounter counter, List<String> inputs) {
        if (!item.isTextual() || item.textValue().isEmpty()) {
            throw invalidInput();
        }
        inputs.add(item.textValue());
        return counter.count(model, item.textValue());
    }

    private static int addTokenIds(JsonNode ids, List<String> inputs) {
        if (ids.isEmpty()) {
            throw invalidInput();
        }
        StringBuilder seedText = new StringBuilder("tokens:");
        for (JsonNode id : ids) {
            if (!id.isIntegralNumber() || id.longValue() < 0) {
                throw invalidInput();
            }
            seedText.append(id.longValue()).append(',');
        }
        inputs.add(seedText.toString());
        return ids.size();
    }

    private static int readDimensions(JsonNode body, int defaultDimensions) {
        JsonNode node = body.get("dimensions");
        if (node == null || node.isNull()) {
            return defaultDimensions;
        }
        if (!node.isIntegralNumber() || node.longValue() < 1 || node.longValue() > MAX_DIMENSIONS) {
            throw new RejectedRequest(ApiError.invalidParam("dimensions",
                    "Invalid 'dimensions': expected an integer between 1 and " + MAX_DIMENSIONS + "."));
        }
        return node.intValue();
    }

    private static boolean readBase64(JsonNode body) {
        JsonNode node = body.get("encoding_format");
        if (node == null || node.isNull() || "float".equals(node.asText())) {
            return false;
        }
        if ("base64".equals(node.asText()) && node.isTextual()) {
            return true;
        }
        throw new RejectedRequest(ApiError.invalidParam("encoding_format",
                "Invalid 'encoding_format': expected 'float' or 'base64'."));
    }

    private static RejectedRequest invalidInput() {
        return new RejectedRequest(ApiError.invalidParam("input", "Invalid 'input': expected a non-empty string, "
                + "an array of non-empty strings, an array of token ids or an array of token id arrays."));
    }
}
