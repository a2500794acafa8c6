package io.sluice.safety.screen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.records.ApiError;
import io.sluice.records.Json;
import io.sluice.records.safety.AuditEvent.Category;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The error a client gets for a refused prompt: 400 {@code content_filter}, in Azure OpenAI's shape,
 * with {@code innererror.content_filter_result} saying which categories tripped and how severe they were.
 */
public final class ContentFilterError {

    public static final String CODE = "content_filter";

    private ContentFilterError() {
    }

    public static ApiError error(List<Category> tripped) {
        return new ApiError(400, "invalid_request_error", CODE, message(tripped), "prompt", 0);
    }

    static String message(List<Category> tripped) {
        String what = tripped.stream().filter(c -> Categories.BLOCKED.equals(c.action()))
                .map(c -> c.severity() != null ? c.category() + " (" + c.severity() + ")" : c.category())
                .distinct().collect(Collectors.joining(", "));
        return "The prompt was filtered by this gateway's content safety policy (" + what + "). Modify the prompt "
                + "and retry; if you believe this is wrong, quote the x-request-id to your gateway administrator.";
    }

    /** The body: OpenAI's four fields, plus Azure's status and innererror. */
    public static byte[] body(List<Category> categories) {
        ApiError error = error(categories);
        ObjectNode root = error.toJson();
        ObjectNode err = (ObjectNode) root.get("error");
        err.put("status", 400);
        ObjectNode inner = err.putObject("innererror");
        inner.put("code", "ResponsibleAIPolicyViolation");
        inner.set("content_filter_result", result(categories));
        return Json.toBytes(root);
    }

    /** Azure's {@code content_filter_result(s)} object for these categories (also used on answers). */
    public static ObjectNode result(List<Category> categories) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        for (Category c : categories) {
            boolean filtered = Categories.BLOCKED.equals(c.action());
            switch (c.category()) {
                case Categories.BLOCKLISTS -> {
                    ObjectNode node = result.has(c.category()) ? (ObjectNode) result.get(c.category())
                            : result.putObject(c.category());
                    node.put("filtered", node.path("filtered").asBoolean(false) || filtered);
                    ArrayNode details = node.has("details") ? (ArrayNode) node.get("details")
                            : node.putArray("details");
                    List<String> ids = c.types() == null ? List.of(c.check()) : c.types();
                    ids.forEach(id -> details.addObject().put("filtered", filtered).put("id", id));
                }
                case Categories.PII, Categories.JAILBREAK, Categories.INDIRECT_ATTACK -> {
                    ObjectNode node = result.putObject(c.category());
                    node.put("filtered", filtered);
                    node.put("detected", true);
                    if (c.types() != null) {
                        ArrayNode types = node.putArray("types");
                        c.types().forEach(types::add);
                    }
                }
                default -> {
                    ObjectNode node = result.putObject(c.category());
                    node.put("filtered", filtered);
                    if (c.severity() != null) {
                        node.put("severity", c.severity());
                    } else if (c.value() != null) {
                        node.put("score", c.value());
                    }
                }
            }
        }
        return result;
    }
}
