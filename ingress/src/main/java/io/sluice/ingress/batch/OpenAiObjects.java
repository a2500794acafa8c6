package io.sluice.ingress.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.records.Json;
import io.sluice.records.batch.BatchFile;
import io.sluice.records.batch.BatchState;
import java.util.List;

/** The OpenAI shapes of files, batches and lists, as the official SDKs read them. */
final class OpenAiObjects {

    private OpenAiObjects() {
    }

    static ObjectNode file(BatchFile f, String details) {
        return file(f.id(), f.bytes(), f.createdAt(), f.filename(), f.purpose(), details);
    }

    static ObjectNode file(String id, long bytes, long createdAt, String filename, String purpose, String details) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", id);
        n.put("object", "file");
        n.put("bytes", bytes);
        n.put("created_at", createdAt);
        n.put("filename", filename);
        n.put("purpose", purpose);
        n.put("status", "processed");
        n.put("status_details", details);
        n.putNull("expires_at");
        return n;
    }

    static JsonNode batch(BatchState state) {
        return Json.MAPPER.valueToTree(state.batch());
    }

    static ObjectNode list(List<JsonNode> data, boolean hasMore) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("object", "list");
        ArrayNode items = n.putArray("data");
        data.forEach(items::add);
        n.put("first_id", data.isEmpty() ? null : data.get(0).path("id").asText());
        n.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).path("id").asText());
        n.put("has_more", hasMore);
        return n;
    }

    static ObjectNode deleted(String id) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", id);
        n.put("object", "file");
        n.put("deleted", true);
        return n;
    }
}
