package io.sluice.egress.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.records.Json;
import io.sluice.records.safety.SafetyCheckRequest.ExternalCall;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Azure AI Content Safety's text APIs: {@code text:analyze} (harm categories with severities,
 * blocklists) and {@code text:shieldPrompt} (user prompt and document attacks). A text longer than
 * one call takes (10,000 code points) is sent in pieces, and the worst result counts.
 */
final class AzureContentSafety {

    static final int MAX_CODE_POINTS = 10_000;

    /** The outcome of an analysis: severity per category, blocklist matches. */
    record Analysis(Map<String, Double> severities, List<String> blocklistHits) {
    }

    /** The outcome of prompt shields. */
    record Shield(boolean userAttack, boolean documentAttack) {
    }

    private final ServiceCall call;

    AzureContentSafety(ServiceCall call) {
        this.call = call;
    }

    Future<Analysis> analyze(SafetyService service, ExternalCall check, String text, long timeoutMs) {
        List<Future<JsonNode>> calls = new ArrayList<>();
        for (String piece : TextChunks.split(text, MAX_CODE_POINTS)) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("text", piece);
            if (!check.categories().isEmpty()) {
                ArrayNode categories = body.putArray("categories");
                check.categories().forEach(categories::add);
            }
            if (!check.blocklists().isEmpty()) {
                ArrayNode lists = body.putArray("blocklistNames");
                check.blocklists().forEach(lists::add);
                body.put("haltOnBlocklistHit", check.haltOnBlocklistHit());
            }
            body.put("outputType", "FourSeverityLevels");
            calls.add(call.post(service, service.url("text:analyze"), Json.toBytes(body), timeoutMs));
        }
        return Future.all(calls).map(all -> {
            Map<String, Double> severities = new LinkedHashMap<>();
            Set<String> hits = new LinkedHashSet<>();
            for (Future<JsonNode> f : calls) {
                JsonNode answer = f.result();
                for (JsonNode c : answer.path("categoriesAnalysis")) {
                    if (c.path("category").isTextual() && c.path("severity").isNumber()) {
                        severities.merge(c.get("category").asText(), c.get("severity").asDouble(), Math::max);
                    }
                }
                for (JsonNode m : answer.path("blocklistsMatch")) {
                    hits.add(m.path("blocklistName").asText() + ":" + m.path("blocklistItemId").asText());
                }
            }
            return new Analysis(severities, List.copyOf(hits));
        });
    }

    Future<Shield> shield(SafetyService service, String userPrompt, List<String> documents, long timeoutMs) {
        List<Future<JsonNode>> calls = new ArrayList<>();
        List<String> pieces = TextChunks.split(userPrompt, MAX_CODE_POINTS);
        for (int i = 0; i < pieces.size(); i++) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("userPrompt", pieces.get(i));
            ArrayNode docs = body.putArray("documents");
            if (i == 0) {
                documents.forEach(docs::add);
            }
            calls.add(call.post(service, service.url("text:shieldPrompt"), Json.toBytes(body), timeoutMs));
        }
        return Future.all(calls).map(all -> {
            boolean user = false;
            boolean document = false;
            for (Future<JsonNode> f : calls) {
                JsonNode answer = f.result();
                user |= answer.path("userPromptAnalysis").path("attackDetected").asBoolean(false);
                for (JsonNode d : answer.path("documentsAnalysis")) {
                    document |= d.path("attackDetected").asBoolean(false);
                }
            }
            return new Shield(user, document);
        });
    }
}
