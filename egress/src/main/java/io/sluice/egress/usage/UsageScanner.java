package io.sluice.egress.usage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.records.Json;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds the {@code usage} object of an OpenAI response or stream chunk with a streaming parser:
 * no tree is built, the rest of the body is skipped (but still checked to be well-formed JSON).
 */
public final class UsageScanner {

    private static final byte[] USAGE = "\"usage\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private UsageScanner() {
    }

    /**
     * Reads {@code body}, which must be one JSON object.
     *
     * @return the usage when the object has a non-null {@code usage} member
     * @throws IOException when the body is not a well-formed JSON object
     */
    public static Optional<TokenUsage> scan(byte[] body) throws IOException {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            TokenUsage found = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
                    found = readUsage(p);
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("trailing content after the JSON object");
            }
            return Optional.ofNullable(found);
        }
    }

    /**
     * Cheap pre-check for stream chunks: true when the chunk has a {@code "usage"} member whose
     * value is an object (not {@code null}); only those chunks are parsed.
     */
    public static boolean carriesUsage(byte[] chunk) {
        outer:
        for (int i = 0; i <= chunk.length - USAGE.length; i++) {
            for (int j = 0; j < USAGE.length; j++) {
                if (chunk[i + j] != USAGE[j]) {
                    continue outer;
                }
            }
            int k = i + USAGE.length;
            while (k < chunk.length && (chunk[k] == ' ' || chunk[k] == ':' || chunk[k] == '\n' || chunk[k] == '\t')) {
                k++;
            }
            if (k < chunk.length && chunk[k] == '{') {
                return true;
            }
        }
        return false;
    }

    /** True for the final usage chunk of a stream (no choices), which the client did not ask for unless it did. */
    public static boolean isUsageOnly(byte[] chunk) {
        try {
            var choices = Json.MAPPER.readTree(chunk).path("choices");
            return choices.isArray() && choices.isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static TokenUsage readUsage(JsonParser p) throws IOException {
        long prompt = 0;
        long completion = 0;
        Long cached = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "prompt_tokens" -> prompt = value.isNumeric() ? p.getLongValue() : 0;
                case "completion_tokens" -> completion = value.isNumeric() ? p.getLongValue() : 0;
                case "prompt_tokens_details" -> cached = readCached(p, value);
                default -> p.skipChildren();
            }
        }
        return new TokenUsage(prompt, completion, cached);
    }

    private static Long readCached(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        Long cached = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if ("cached_tokens".equals(field) && v.isNumeric()) {
                cached = p.getLongValue();
            } else {
                p.skipChildren();
            }
        }
        return cached;
    }
}
