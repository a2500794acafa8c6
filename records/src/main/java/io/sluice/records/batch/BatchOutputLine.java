package io.sluice.records.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.records.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One line of the OpenAI batch output format: {@code {"id", "custom_id", "response": {"status_code",
 * "request_id", "body"}, "error"}}. A line that got an HTTP answer has {@code response} (the body as the
 * backend sent it) and a null {@code error}; a line that never ran has a null {@code response} and an
 * {@code error} with {@code code} and {@code message}.
 */
public final class BatchOutputLine {

    private BatchOutputLine() {
    }

    /** A line the backend (or the gateway, for a synchronous error) answered with {@code status}. */
    public static byte[] response(String id, String customId, int status, String requestId, byte[] body) {
        ObjectNode line = head(id, customId);
        ObjectNode response = line.putObject("response");
        response.put("status_code", status);
        response.put("request_id", requestId);
        response.set("body", bodyNode(body));
        line.putNull("error");
        return Json.toBytes(line);
    }

    /** A line that did not run. */
    public static byte[] error(String id, String customId, LineError error) {
        ObjectNode line = head(id, customId);
        line.putNull("response");
        ObjectNode e = line.putObject("error");
        e.put("code", error.code());
        e.put("message", error.message());
        return Json.toBytes(line);
    }

    /** Whether an output line belongs in the output file (a 2xx answer) rather than the error file. */
    public static boolean succeeded(int status) {
        return status / 100 == 2;
    }

    private static ObjectNode head(String id, String customId) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("id", id);
        line.put("custom_id", customId);
        return line;
    }

    private static JsonNode bodyNode(byte[] body) {
        if (body == null || body.length == 0) {
            return Json.MAPPER.nullNode();
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            return n == null ? Json.MAPPER.nullNode() : n;
        } catch (IOException e) {
            // a backend that answered something other than JSON: its text, as it came
            return Json.MAPPER.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
    }
}
