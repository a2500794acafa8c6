package io.sluice.egress.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.sluice.records.Json;
import java.io.IOException;
import java.util.List;

/**
 * Counts the completion tokens of a streamed answer whose backend sent no usage chunk, with the
 * model's tokenizer: o200k for the gpt-4o family and newer, cl100k for older models.
 */
public final class CompletionCounter {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private CompletionCounter() {
    }

    public static Encoding encodingFor(String model) {
        String m = model == null ? "" : model;
        boolean o200k = m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-5")
                || m.startsWith("o1") || m.startsWith("o3") || m.startsWith("o4");
        return REGISTRY.getEncoding(o200k ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE);
    }

    /** Tokens of the text in the {@code delta.content} of every chunk. */
    public static long countChunks(String model, List<byte[]> chunks) {
        StringBuilder text = new StringBuilder();
        for (byte[] chunk : chunks) {
            try {
                for (JsonNode choice : Json.MAPPER.readTree(chunk).path("choices")) {
                    JsonNode content = choice.path("delta").path("content");
                    if (content.isTextual()) {
                        text.append(content.asText());
                    }
                }
            } catch (IOException e) {
                // a malformed chunk carries no countable text
            }
        }
        return encodingFor(model).countTokens(text.toString());
    }
}
