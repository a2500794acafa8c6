package io.sluice.processors.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.records.Json;
import io.sluice.records.PromptRecord;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a chat request as the cache sees it: the compared conversation (system messages and old
 * turns left out as the policy says), the vary-by parts, and whether it can be cached at all.
 */
public final class CacheRequest {

    /** Prefix of the attributes that carry request headers a policy varies by. */
    public static final String HEADER_ATTRIBUTE = "header.";

    /** Body fields that do not change the answer's content. */
    private static final Set<String> NEUTRAL_FIELDS = Set.of("messages", "model", "stream", "stream_options", "user",
            "metadata", "store", "service_tier", "prompt_cache_key", "safety_identifier");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private CacheRequest() {
    }

    /** Why a request is not looked up: null when it is, else a short reason for logs. */
    public record Outcome(CacheKey key, String notCacheable) {
        static Outcome no(String reason) {
            return new Outcome(null, reason);
        }
    }

    public static Outcome analyse(PromptRecord prompt, CachePolicy policy) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(prompt.body());
        } catch (IOException e) {
            return Outcome.no("body is not JSON");
        }
        if (body == null || !body.path("messages").isArray() || body.path("messages").isEmpty()) {
            return Outcome.no("no messages");
        }
        if (body.path("n").asInt(1) != 1) {
            return Outcome.no("n is not 1");
        }
        if (body.path("logprobs").asBoolean(false)) {
            return Outcome.no("logprobs requested");
        }
        StringBuilder system = new StringBuilder();
        List<JsonNode> compared = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            String role = m.path("role").asText("");
            boolean isSystem = role.equals("system") || role.equals("developer");
            if (isSystem) {
                String text = text(m.get("content"));
                if (text == null) {
                    return Outcome.no("non-text system message");
                }
                system.append(role).append('\u0000').append(text).append('\u0001');
            }
            if (!isSystem || !policy.ignoreSystemMessages()) {
                compared.add(m);
            }
        }
        if (compared.isEmpty()) {
            return Outcome.no("no message to compare");
        }
        if (policy.lastMessages() > 0 && compared.size() > policy.lastMessages()) {
            compared = compared.subList(compared.size() - policy.lastMessages(), compared.size());
        }
        List<String> normalised = new ArrayList<>(compared.size());
        boolean tools = false;
        for (JsonNode m : compared) {
            String n = normalisedMessage(m);
            if (n == null) {
                return Outcome.no("non-text content");
            }
            tools |= m.has("tool_calls") || m.has("function_call") || m.path("role").asText("").equals("tool");
            normalised.add(n);
        }
        String scope = scope(prompt, policy, system.toString(), body);
        String context = compared.size() == 1 ? "0"
                : Fingerprint.short64(String.join("\u0002", normalised.subList(0, normalised.size() - 1)));
        String entry = Fingerprint.full(scope + "\n" + context + "\n" + normalised.get(normalised.size() - 1));
        JsonNode last = compared.get(compared.size() - 1);
        String text = null;
        if (policy.semantic() && !tools && last.path("role").asText("").equals("user")) {
            String t = text(last.get("content"));
            if (t != null && !t.isEmpty() && t.length() <= policy.semanticMaxChars()) {
                text = t;
            }
        }
        return new Outcome(new CacheKey(scope, prompt.model(), policy.varyBySubscription() ? prompt.subscriptionId()
                : null, context, entry, text), null);
    }

    private static String scope(PromptRecord prompt, CachePolicy policy, String system, JsonNode body) {
        StringBuilder s = new StringBuilder(prompt.model());
        s.append('|').append(policy.varyBySubscription() ? prompt.subscriptionId() : "*");
        if (policy.varyBySystemPrompt()) {
            s.append("|sys:").append(Fingerprint.short64(system));
        }
        if (policy.varyByParameters()) {
            Map<String, JsonNode> params = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = body.fields();
            it.forEachRemaining(e -> {
                if (!NEUTRAL_FIELDS.contains(e.getKey())) {
                    params.put(e.getKey(), e.getValue());
                }
            });
            s.append("|params:").append(Fingerprint.short64(CanonicalJson.of(Json.MAPPER.valueToTree(params))));
        }
        if (!policy.varyByHeaders().isEmpty()) {
            StringBuilder h = new StringBuilder();
            for (String name : policy.varyByHeaders()) {
                String v = prompt.attribute(HEADER_ATTRIBUTE + name);
                h.append(name).append('=').append(v == null ? "\u0000" : v).append('\n');
            }
            s.append("|headers:").append(Fingerprint.short64(h.toString()));
        }
        return s.toString();
    }

    /** Role, name, text and tool fields of one message; null when it holds anything but text. */
    private static String normalisedMessage(JsonNode m) {
        String text = m.has("content") && !m.get("content").isNull() ? text(m.get("content")) : "";
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(m.path("role").asText("")).append('\u0000').append(text);
        for (String field : new String[] {"name", "tool_calls", "function_call", "tool_call_id"}) {
            if (m.has(field)) {
                sb.append('\u0000').append(field).append('=').append(CanonicalJson.of(m.get(field)));
            }
        }
        return sb.toString();
    }

    /** A message's text with runs of white space made one space; null for image, audio or file parts. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        String raw;
        if (content.isTextual()) {
            raw = content.asText();
        } else if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    return null;
                }
                sb.append(part.path("text").asText()).append('\n');
            }
            raw = sb.toString();
        } else {
            return null;
        }
        return normalise(raw);
    }

    static String normalise(String raw) {
        return SPACES.matcher(Normalizer.normalize(raw, Normalizer.Form.NFC)).replaceAll(" ").trim();
    }

    /** Lower-case header name as carried in attributes. */
    public static String headerAttribute(String header) {
        return HEADER_ATTRIBUTE + header.toLowerCase(Locale.ROOT);
    }
}
