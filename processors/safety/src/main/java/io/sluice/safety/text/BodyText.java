package io.sluice.safety.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sluice.records.Json;
import io.sluice.records.Operation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The text of an OpenAI request or answer body, in order, and the same body with some of that text
 * replaced (redaction). Knows where text lives: chat messages (string content, text content parts,
 * tool-call arguments), embeddings inputs, and the choices of a chat completion (whole or streamed).
 */
public final class BodyText {

    private final JsonNode root;
    private final List<TextPart> parts = new ArrayList<>();
    private final List<Consumer<String>> setters = new ArrayList<>();

    private BodyText(JsonNode root) {
        this.root = root;
    }

    /** The text of a request body; a body that is not a JSON object has none. */
    public static BodyText ofRequest(byte[] body, Operation operation) {
        BodyText t = new BodyText(parse(body));
        if (t.root instanceof ObjectNode o) {
            if (operation == Operation.EMBEDDINGS) {
                t.addStrings(o, "input", "input");
            } else {
                t.addMessages(o.path("messages"));
                t.addStrings(o, "prompt", "user");
            }
        }
        return t;
    }

    /** The text of a chat completion answer (choices[].message) or of one stream chunk (choices[].delta). */
    public static BodyText ofAnswer(byte[] body) {
        BodyText t = new BodyText(parse(body));
        if (t.root.path("choices") instanceof ArrayNode choices) {
            for (JsonNode choice : choices) {
                if (choice instanceof ObjectNode c) {
                    JsonNode message = c.has("message") ? c.get("message") : c.get("delta");
                    if (message instanceof ObjectNode m) {
                        t.addMessage(m, "assistant");
                    } else if (c.path("text").isTextual()) {
                        t.add("assistant", c.get("text").asText(), v -> c.put("text", v));
                    }
                }
            }
        }
        return t;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode n = body == null || body.length == 0 ? null : Json.MAPPER.readTree(body);
            return n == null ? Json.MAPPER.missingNode() : n;
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }

    private void addMessages(JsonNode messages) {
        if (messages instanceof ArrayNode array) {
            for (JsonNode m : array) {
                if (m instanceof ObjectNode message) {
                    addMessage(message, message.path("role").asText("user"));
                }
            }
        }
    }

    private void addMessage(ObjectNode message, String role) {
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            add(role, content.asText(), v -> message.put("content", v));
        } else if (content instanceof ArrayNode contentParts) {
            for (JsonNode p : contentParts) {
                if (p instanceof ObjectNode part && p.path("text").isTextual()) {
                    add(role, part.get("text").asText(), v -> part.put("text", v));
                }
            }
        }
        if (message.path("refusal").isTextual()) {
            add(role, message.get("refusal").asText(), v -> message.put("refusal", v));
        }
        if (message.path("tool_calls") instanceof ArrayNode calls) {
            for (JsonNode call : calls) {
                if (call.path("function") instanceof ObjectNode fn && fn.path("arguments").isTextual()) {
                    add(role, fn.get("arguments").asText(), v -> fn.put("arguments", v));
                }
            }
        }
    }

    private void addStrings(ObjectNode owner, String field, String role) {
        JsonNode v = owner.get(field);
        if (v != null && v.isTextual()) {
            add(role, v.asText(), s -> owner.put(field, s));
        } else if (v instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    int index = i;
                    add(role, array.get(i).asText(), s -> array.set(index, TextNode.valueOf(s)));
                }
            }
        }
    }

    private void add(String role, String text, Consumer<String> setter) {
        if (!text.isEmpty()) {
            parts.add(new TextPart(role, text));
            setters.add(setter);
        }
    }

    public List<TextPart> parts() {
        return List.copyOf(parts);
    }

    /** Every part's text, joined by new lines. */
    public String joined() {
        StringBuilder sb = new StringBuilder();
        for (TextPart p : parts) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(p.text());
        }
        return sb.toString();
    }

    /**
     * The body with part {@code i}'s text replaced by {@code replaced.get(i)} where that is not null;
     * the original bytes when nothing changed.
     */
    public byte[] rewrite(byte[] original, List<String> replaced) {
        boolean changed = false;
        for (int i = 0; i < replaced.size() && i < setters.size(); i++) {
            if (replaced.get(i) != null) {
                setters.get(i).accept(replaced.get(i));
                changed = true;
            }
        }
        return changed ? Json.toBytes(root) : original;
    }

    /** The parsed body (for building answers in the same shape). */
    public JsonNode root() {
        return root;
    }
}
