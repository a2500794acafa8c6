package io.sluice.egress.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.records.Json;
import io.vertx.core.Future;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI's moderation endpoint ({@code POST /moderations}): the text goes as an array of pieces in
 * one call; a category's score is its highest over the pieces, and a category is flagged when any
 * piece's result flags it.
 */
final class OpenAiModeration {

    static final int MAX_CODE_POINTS = 10_000;

    /** Scores per category, and the categories the service flagged. */
    record Moderation(Map<String, Double> scores, List<String> flagged) {
    }

    private final ServiceCall call;

    OpenAiModeration(ServiceCall call) {
        this.call = call;
    }

    Future<Moderation> moderate(SafetyService service, String text, long timeoutMs) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", service.model());
        ArrayNode input = body.putArray("input");
        TextChunks.split(text, MAX_CODE_POINTS).forEach(input::add);
        return call.post(service, service.url("moderations"), Json.toBytes(body), timeoutMs).map(answer -> {
            Map<String, Double> scores = new LinkedHashMap<>();
            Set<String> flagged = new LinkedHashSet<>();
            for (JsonNode result : answer.path("results")) {
                Iterator<Map.Entry<String, JsonNode>> it = result.path("category_scores").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    scores.merge(e.getKey(), e.getValue().asDouble(), Math::max);
                }
                Iterator<Map.Entry<String, JsonNode>> flags = result.path("categories").fields();
                while (flags.hasNext()) {
                    Map.Entry<String, JsonNode> e = flags.next();
                    if (e.getValue().asBoolean(false)) {
                        flagged.add(e.getKey());
                    }
                }
            }
            return new Moderation(scores, List.copyOf(flagged));
        });
    }
}
