package io.sluice.simulator.completion;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.simulator.openai.ApiError;
import io.sluice.simulator.openai.ModelField;
import io.sluice.simulator.openai.RejectedRequest;
import java.util.List;

/**
 * The parts of a chat completions request the simulator acts on; {@code maxTokens} 0 means no cap and
 * {@code seed} is a stable hash of the messages.
 */
public record ChatRequest(String model, JsonNode messages, boolean stream, boolean includeUsage, int maxTokens,
        long seed) {

    /**
     * Reads and validates a request body. {@code deployment} is the model taken from an Azure path, or null on
     * OpenAI paths, where the body's {@code model} is required.
     */
    public static ChatRequest read(JsonNode body, String deployment, List<String> models) {
        String model = ModelField.resolve(body, deployment, models);
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw new RejectedRequest(ApiError.missingParam("messages"));
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw new RejectedRequest(ApiError.invalidParam("messages",
                    "Invalid 'messages': expected a non-empty array of message objects."));
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject() || !message.path("role").isTextual()) {
                throw new RejectedRequest(ApiError.invalidParam("messages[" + i + "].role",
                        "Invalid 'messages[" + i + "]': expected an object with a string 'role'."));
            }
        }
        boolean stream = readBoolean(body, "stream");
        JsonNode streamOptions = body.path("stream_options");
        boolean includeUsage = stream && streamOptions.path("include_usage").asBoolean(false);
        int maxTokens = readMaxTokens(body, "max_completion_tokens");
        if (maxTokens == 0) {
            maxTokens = readMaxTokens(body, "max_tokens");
        }
        long seed = mix(messages.hashCode());
        return new ChatRequest(model, messages, stream, includeUsage, maxTokens, seed);
    }

    private static boolean readBoolean(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new RejectedRequest(ApiError.invalidParam(field,
                    "Invalid type for '" + field + "': expected a boolean."));
        }
        return node.booleanValue();
    }

    private static int readMaxTokens(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 1) {
            throw new RejectedRequest(ApiError.invalidParam(field,
                    "Invalid '" + field + "': expected an integer >= 1."));
        }
        return node.intValue();
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
