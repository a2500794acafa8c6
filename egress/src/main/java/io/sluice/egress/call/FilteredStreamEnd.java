package io.sluice.egress.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.egress.usage.TokenUsage;
import io.sluice.records.Json;
import java.io.IOException;
import java.util.List;

/**
 * The usage chunk that closes a stream the response-side safety check stopped, in the shape of the
 * backend's own chunks, for clients that asked for {@code stream_options.include_usage}.
 */
final class FilteredStreamEnd {
    private FilteredStreamEnd() {
    }

    static byte[] usageChunk(List<byte[]> relayed, String model, TokenUsage usage) {
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        JsonNode first = first(relayed);
        chunk.put("id", first.path("id").asText("chatcmpl-sluice"));
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", first.path("created").asLong(System.currentTimeMillis() / 1000));
        chunk.put("model", first.path("model").asText(model));
        chunk.putArray("choices");
        ObjectNode u = chunk.putObject("usage");
        u.put("prompt_tokens", usage.promptTokens());
        u.put("completion_tokens", usage.completionTokens());
        u.put("total_tokens", usage.promptTokens() + usage.completionTokens());
        return Json.toBytes(chunk);
    }

    private static JsonNode first(List<byte[]> relayed) {
        if (relayed.isEmpty()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(relayed.get(0));
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
