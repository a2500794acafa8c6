package io.sluice.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.simulator.FaultKind;
import io.sluice.simulator.FaultRule;
import io.sluice.simulator.openai.ApiError;
import io.sluice.simulator.openai.JsonText;
import io.sluice.simulator.openai.RejectedRequest;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/** Reads and writes {@link FaultRule}s in the control API's snake_case JSON. */
final class FaultRuleJson {

    private static final Set<String> FIELDS = Set.of("kind", "status", "retry_after_seconds", "delay_ms", "count",
            "probability", "model", "after_chunks");

    private FaultRuleJson() {
    }

    static FaultRule read(JsonNode json) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid(name, "Unknown fault field '" + name + "'; accepted fields: " + FIELDS);
            }
        }
        FaultKind kind = readKind(json.get("kind"));
        String model = null;
        JsonNode modelNode = json.get("model");
        if (modelNode != null && !modelNode.isNull()) {
            if (!modelNode.isTextual()) {
                throw invalid("model", "Invalid 'model': expected a string.");
            }
            model = modelNode.textValue();
        }
        try {
            return new FaultRule(kind, readInt(json, "status", 0),
                    readLong(json, "retry_after_seconds", 0), readLong(json, "delay_ms", 0),
                    readInt(json, "count", FaultRule.UNLIMITED), readProbability(json), model,
                    readInt(json, "after_chunks", 0));
        } catch (IllegalArgumentException e) {
            throw invalid(null, "Invalid fault rule: " + e.getMessage());
        }
    }

    static ObjectNode write(FaultRule rule) {
        ObjectNode json = JsonText.MAPPER.createObjectNode();
        json.put("kind", rule.kind().name().toLowerCase(Locale.ROOT));
        json.put("status", rule.status());
        json.put("retry_after_seconds", rule.retryAfterSeconds());
        json.put("delay_ms", rule.delayMs());
        json.put("count", rule.count());
        json.put("probability", rule.probability());
        json.put("model", rule.model());
        json.put("after_chunks", rule.afterChunks());
        return json;
    }

    private static FaultKind readKind(JsonNode node) {
        String accepted = Arrays.stream(FaultKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList()
                .toString();
        if (node == null || !node.isTextual()) {
            throw invalid("kind", "Missing or invalid 'kind': expected one of " + accepted + ".");
        }
        try {
            return FaultKind.valueOf(node.textValue().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("kind", "Unknown 'kind' '" + node.textValue() + "': expected one of " + accepted + ".");
        }
    }

    private static long readLong(JsonNode json, String field, long fallback) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw invalid(field, "Invalid '" + field + "': expected an integer.");
        }
        return node.longValue();
    }

    private static int readInt(JsonNode json, String field, int fallback) {
        long value = readLong(json, field, fallback);
        if (value != (int) value) {
            throw invalid(field, "Invalid '" + field + "': expected a 32-bit integer.");
        }
        return (int) value;
    }

    private static double readProbability(JsonNode json) {
        JsonNode node = json.get("probability");
        if (node == null || node.isNull()) {
            return 1.0;
        }
        if (!node.isNumber()) {
            throw invalid("probability", "Invalid 'probability': expected a number between 0.0 and 1.0.");
        }
        return node.doubleValue();
    }

    private static RejectedRequest invalid(String param, String message) {
        return new RejectedRequest(ApiError.invalidParam(param, message));
    }
}
