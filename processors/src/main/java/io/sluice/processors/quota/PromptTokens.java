package io.sluice.processors.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.sluice.records.Json;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import java.io.IOException;

/**
 * Counts a request's prompt tokens with the model's tokenizer (o200k_base for the gpt-4o,
 * gpt-4.1, gpt-5 and o-series models, cl100k_base otherwise), chat messages the way OpenAI counts
 * them, and the completion tokens the request may use: what the quota stage reserves.
 */
public final class PromptTokens {

    /** Tokens the chat format adds per message, and to prime the reply. */
    static final int PER_MESSAGE = 3;
    static final int REPLY_PRIMING = 3;
    static final int PER_NAME = 1;

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final String[] O200K = {"gpt-4o", "gpt-4.1", "gpt-5", "o1", "o3", "o4", "chatgpt-4o"};

    /** What one request may consume: its prompt, and at most this many completion tokens. */
    public record Estimate(long promptTokens, long completionTokens) {
        public long total() {
            return promptTokens + completionTokens;
        }
    }

    private PromptTokens() {
    }

    public static Encoding encodingFor(String model) {
        if (model != null) {
            for (String prefix : O200K) {
                if (model.startsWith(prefix)) {
                    return REGISTRY.getEncoding(EncodingType.O200K_BASE);
                }
            }
        }
        return REGISTRY.getEncoding(EncodingType.CL100K_BASE);
    }

    /** The reservation for {@code prompt}; {@code defaultCompletion} when it sets no max_tokens. */
    public static Estimate estimate(PromptRecord prompt, long defaultCompletion) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(prompt.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            // ingress accepts only JSON objects; a rough count keeps an odd record from going free
            return new Estimate(prompt.body().length / 4 + 1, defaultCompletion);
        }
        Encoding encoding = encodingFor(prompt.model());
        if (prompt.operation() == Operation.EMBEDDINGS) {
            return new Estimate(input(encoding, body.path("input")), 0);
        }
        long tokens = messages(encoding, body.path("messages"));
        for (String field : new String[] {"tools", "functions", "response_format"}) {
            JsonNode v = body.get(field);
            if (v != null && !v.isNull()) {
                // the backend renders these into the prompt; their JSON text is a close upper estimate
                tokens += count(encoding, v.toString());
            }
        }
        return new Estimate(tokens, completion(body, defaultCompletion));
    }

    /** Chat prompt tokens: per message 3 + role + content (+ name and 1), plus 3 to prime the reply. */
    static long messages(Encoding encoding, JsonNode messages) {
        long total = REPLY_PRIMING;
        if (!messages.isArray()) {
            return total;
        }
        for (JsonNode m : messages) {
            total += PER_MESSAGE + text(encoding, m.path("role"));
            JsonNode content = m.path("content");
            if (content.isArray()) {
                for (JsonNode part : content) {
                    total += part.isTextual() ? text(encoding, part) : text(encoding, part.path("text"));
                }
            } else {
                total += text(encoding, content);
            }
            if (m.path("name").isTextual()) {
                total += text(encoding, m.path("name")) + PER_NAME;
            }
            JsonNode calls = m.get("tool_calls");
            if (calls != null && calls.isArray()) {
                total += count(encoding, calls.toString());
            }
        }
        return total;
    }

    private static long input(Encoding encoding, JsonNode input) {
        if (input.isTextual()) {
            return text(encoding, input);
        }
        long total = 0;
        if (input.isArray()) {
            for (JsonNode item : input) {
                if (item.isTextual()) {
                    total += text(encoding, item);
                } else if (item.isArray()) {
                    total += item.size();
                } else if (item.isNumber()) {
                    total++;
                }
            }
        }
        return total;
    }

    private static long completion(JsonNode body, long fallback) {
        JsonNode max = body.get("max_completion_tokens");
        if (max == null || !max.isIntegralNumber()) {
            max = body.get("max_tokens");
        }
        long perChoice = max != null && max.isIntegralNumber() && max.asLong() >= 0 ? max.asLong() : fallback;
        JsonNode n = body.get("n");
        long choices = n != null && n.isIntegralNumber() && n.asLong() > 1 ? n.asLong() : 1;
        return perChoice * choices;
    }

    private static long text(Encoding encoding, JsonNode node) {
        return node.isTextual() ? count(encoding, node.textValue()) : 0;
    }

    private static long count(Encoding encoding, String s) {
        return s.isEmpty() ? 0 : encoding.countTokensOrdinary(s);
    }
}
