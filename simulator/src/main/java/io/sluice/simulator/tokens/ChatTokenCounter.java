package io.sluice.simulator.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * The simulator's own token counter: o200k_base for the gpt-4o / gpt-4.1 / o-series models, cl100k_base otherwise,
 * and OpenAI's chat prompt formula. Thread-safe.
 */
public final class ChatTokenCounter {

    /** Tokens added per message by the chat format. */
    public static final int TOKENS_PER_MESSAGE = 3;
    /** Tokens priming the assistant's reply. */
    public static final int REPLY_PRIMING_TOKENS = 3;
    /** Extra tokens when a message carries a {@code name}. */
    public static final int TOKENS_PER_NAME = 1;

    private static final String[] O200K_PREFIXES = {"gpt-4o", "gpt-4.1", "o1", "o3", "o4"};
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final Encoding o200k = REGISTRY.getEncoding(EncodingType.O200K_BASE);
    private final Encoding cl100k = REGISTRY.getEncoding(EncodingType.CL100K_BASE);

    /** The encoding the simulator uses for a model name. */
    public Encoding encodingFor(String model) {
        if (model != null) {
            for (String prefix : O200K_PREFIXES) {
                if (model.startsWith(prefix)) {
                    return o200k;
                }
            }
        }
        return cl100k;
    }

    /** Tokens of a plain text; special-token markers count as ordinary text. */
    public int count(String model, String text) {
        return text == null || text.isEmpty() ? 0 : encodingFor(model).countTokensOrdinary(text);
    }

    /**
     * Prompt tokens of a chat {@code messages} array: per message 3 + role + content text (string, or the text
     * parts of an array) + name and 1 more when named; plus 3 for the reply priming.
     */
    public int countPrompt(String model, JsonNode messages) {
        Encoding encoding = encodingFor(model);
        int total = REPLY_PRIMING_TOKENS;
        if (messages == null || !messages.isArray()) {
            return total;
        }
        for (JsonNode message : messages) {
            total += TOKENS_PER_MESSAGE;
            total += countText(encoding, message.path("role"));
            JsonNode content = message.path("content");
            if (content.isArray()) {
                for (JsonNode part : content) {
                    if ("text".equals(part.path("type").asText()) || part.isTextual()) {
                        total += countText(encoding, part.isTextual() ? part : part.path("text"));
                    }
                }
            } else {
                total += countText(encoding, content);
            }
            JsonNode name = message.path("name");
            if (name.isTextual()) {
                total += countText(encoding, name) + TOKENS_PER_NAME;
            }
        }
        return total;
    }

    private static int countText(Encoding encoding, JsonNode node) {
        if (!node.isTextual()) {
            return 0;
        }
        String text = node.textValue();
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }
}
