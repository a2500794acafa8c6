package io.sluice.ingress.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.records.ApiError;
import io.sluice.records.Json;
import io.sluice.records.Operation;
import java.io.IOException;

/**
 * Checks an OpenAI request body enough to route it and to refuse what no backend would take,
 * with a message naming the field. Everything else is left to the backend.
 */
public final class PromptParser {
    private PromptParser() {
    }

    /**
     * @param deployment the Azure deployment from the path, or null on the OpenAI path style
     * @throws ApiException with a 400 naming the offending field
     */
    public static ParsedPrompt parse(byte[] body, Operation operation, String deployment) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(ApiError.invalidJson(shortReason(e)));
        } catch (IOException e) {
            throw new ApiException(ApiError.invalidJson("unreadable body"));
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(ApiError.invalidJson("the body must be a JSON object"));
        }
        String model;
        if (deployment != null) {
            model = deployment;
        } else {
            JsonNode m = root.get("model");
            if (m == null || m.isNull()) {
                throw new ApiException(ApiError.invalidRequest("model",
                        "Missing required parameter: 'model'. GET /v1/models lists the models you can use."));
            }
            if (!m.isTextual() || m.asText().isBlank()) {
                throw new ApiException(ApiError.invalidRequest("model", "'model' must be a non-empty string."));
            }
            model = m.asText();
        }
        if (operation == Operation.CHAT) {
            checkMessages(root.get("messages"));
        } else {
            checkInput(root.get("input"));
        }
        boolean stream = false;
        boolean includeUsage = false;
        if (operation == Operation.CHAT) {
            JsonNode s = root.get("stream");
            if (s != null && !s.isNull()) {
                if (!s.isBoolean()) {
                    throw new ApiException(ApiError.invalidRequest("stream", "'stream' must be true or false."));
                }
                stream = s.asBoolean();
            }
            JsonNode usage = root.path("stream_options").path("include_usage");
            includeUsage = usage.isBoolean() && usage.asBoolean();
        }
        JsonNode user = root.get("user");
        return new ParsedPrompt(model, stream, includeUsage, user != null && user.isTextual() ? user.asText() : null);
    }

    private static void checkMessages(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw new ApiException(ApiError.invalidRequest("messages", "Missing required parameter: 'messages'."));
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw new ApiException(ApiError.invalidRequest("messages",
                    "'messages' must be a non-empty array of {\"role\", \"content\"} objects."));
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode msg = messages.get(i);
            if (!msg.isObject() || !msg.path("role").isTextual()) {
                throw new ApiException(ApiError.invalidRequest("messages[" + i + "]",
                        "messages[" + i + "] must be an object with a string 'role'."));
            }
        }
    }

    private static void checkInput(JsonNode input) {
        if (input == null || input.isNull()) {
            throw new ApiException(ApiError.invalidRequest("input", "Missing required parameter: 'input'."));
        }
        boolean ok = input.isTextual() || (input.isArray() && !input.isEmpty());
        if (!ok) {
            throw new ApiException(ApiError.invalidRequest("input",
                    "'input' must be a string or a non-empty array of strings or token arrays."));
        }
    }

    private static String shortReason(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (msg == null) {
            return "syntax error";
        }
        int cut = msg.indexOf('\n');
        String first = cut > 0 ? msg.substring(0, cut) : msg;
        var loc = e.getLocation();
        return loc == null ? first : first + " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
}
