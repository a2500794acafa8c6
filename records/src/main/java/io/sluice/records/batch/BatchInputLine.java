package io.sluice.records.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.records.Json;
import io.sluice.records.Operation;
import java.io.IOException;
import java.util.Objects;

/**
 * One line of the OpenAI batch input format, checked: {@code {"custom_id", "method": "POST", "url":
 * "/v1/chat/completions" or "/v1/embeddings", "body": {...}}}. {@link #parse} never throws: a line
 * that does not fit is a {@link Parsed} with a {@link LineError} that says what to fix.
 *
 * @param body the request body as the backend receives it (UTF-8 JSON)
 */
public record BatchInputLine(String customId, String url, Operation operation, String model, String endUser,
        byte[] body) {

    public static final String CHAT_URL = "/v1/chat/completions";
    public static final String EMBEDDINGS_URL = "/v1/embeddings";
    /** Longest custom_id accepted; it is a record key and a header on every topic the line passes. */
    public static final int MAX_CUSTOM_ID = 512;

    public BatchInputLine {
        Objects.requireNonNull(customId, "customId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(body, "body");
    }

    /** A line that parsed, or the reason it did not; {@code customId} is known whenever the line had one. */
    public record Parsed(BatchInputLine line, String customId, LineError error) {
        public boolean valid() {
            return line != null;
        }
    }

    /** The operation an endpoint url names, or null for any other url. */
    public static Operation operationOf(String url) {
        if (CHAT_URL.equals(url)) {
            return Operation.CHAT;
        }
        return EMBEDDINGS_URL.equals(url) ? Operation.EMBEDDINGS : null;
    }

    public static Parsed parse(byte[] json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return fail(null, LineError.invalid("invalid_json", null, "not valid JSON (" + brief(e) + ")"));
        } catch (IOException e) {
            return fail(null, LineError.invalid("invalid_json", null, "not valid JSON"));
        }
        if (root == null || !root.isObject()) {
            return fail(null, LineError.invalid("invalid_line", null,
                    "must be a JSON object with custom_id, method, url and body"));
        }
        JsonNode id = root.get("custom_id");
        if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
            return fail(null, LineError.invalid("missing_custom_id", "custom_id",
                    "needs a custom_id: a non-empty string that names the line in the results"));
        }
        String customId = id.textValue();
        if (customId.length() > MAX_CUSTOM_ID) {
            return fail(null, LineError.invalid("invalid_custom_id", "custom_id",
                    "custom_id is longer than " + MAX_CUSTOM_ID + " characters"));
        }
        JsonNode method = root.get("method");
        if (method != null && !(method.isTextual() && "POST".equals(method.textValue()))) {
            return fail(customId, LineError.invalid("invalid_method", "method",
                    "method must be \"POST\" (got " + method + ")"));
        }
        JsonNode url = root.get("url");
        Operation op = url != null && url.isTextual() ? operationOf(url.textValue()) : null;
        if (op == null) {
            return fail(customId, LineError.invalid("invalid_url", "url", "url must be " + CHAT_URL + " or "
                    + EMBEDDINGS_URL + " (got " + (url == null ? "none" : url.toString()) + ")"));
        }
        JsonNode body = root.get("body");
        if (body == null || !body.isObject()) {
            return fail(customId, LineError.invalid("missing_body", "body",
                    "needs a body: the JSON object a " + url.textValue() + " request would send"));
        }
        LineError bodyError = checkBody((ObjectNode) body, op);
        if (bodyError != null) {
            return fail(customId, bodyError);
        }
        JsonNode user = body.get("user");
        return new Parsed(new BatchInputLine(customId, url.textValue(), op, body.get("model").textValue(),
                user != null && user.isTextual() ? user.textValue() : null, Json.toBytes(body)), customId, null);
    }

    private static LineError checkBody(ObjectNode body, Operation op) {
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.textValue().isBlank()) {
            return LineError.invalid("missing_model", "body.model", "body.model must name a model");
        }
        JsonNode stream = body.get("stream");
        if (stream != null && stream.asBoolean(false)) {
            return LineError.invalid("invalid_request", "body.stream",
                    "body.stream is not supported in a batch; remove it (results are whole answers)");
        }
        if (op == Operation.CHAT) {
            JsonNode messages = body.get("messages");
            if (messages == null || !messages.isArray() || messages.isEmpty()) {
                return LineError.invalid("invalid_request", "body.messages",
                        "body.messages must be a non-empty array of messages");
            }
        } else {
            JsonNode input = body.get("input");
            if (input == null || input.isNull() || (!input.isTextual() && !input.isArray())) {
                return LineError.invalid("invalid_request", "body.input",
                        "body.input must be a string or an array of strings or token arrays");
            }
        }
        return null;
    }

    private static Parsed fail(String customId, LineError error) {
        return new Parsed(null, customId, error);
    }

    /** Jackson's message without its source excerpt: what is wrong and the column. */
    private static String brief(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        msg = msg == null ? "unreadable" : msg.split("\n")[0];
        if (msg.length() > 120) {
            msg = msg.substring(0, 117) + "...";
        }
        var loc = e.getLocation();
        return loc == null ? msg : msg + " at column " + loc.getColumnNr();
    }
}
