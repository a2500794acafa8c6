package io.sluice.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Watches an OpenAI chat stream for its first token: the first SSE {@code data:} event whose
 * {@code choices[0].delta.content} is non-empty. Events may be split across network chunks anywhere.
 */
public final class SseContentDetector {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean contentSeen;

    /** Feeds the next chunk of the body; returns true once the first token has been seen (in this or an earlier chunk). */
    public boolean feed(byte[] chunk) {
        if (contentSeen) {
            return true;
        }
        for (byte b : chunk) {
            if (b == '\n') {
                if (onLine(line.toString(StandardCharsets.UTF_8))) {
                    contentSeen = true;
                    line.reset();
                    return true;
                }
                line.reset();
            } else {
                line.write(b);
            }
        }
        return false;
    }

    public boolean contentSeen() {
        return contentSeen;
    }

    private static boolean onLine(String raw) {
        String text = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (!text.startsWith("data:")) {
            return false;
        }
        String data = text.substring(5).trim();
        if (data.isEmpty() || data.equals("[DONE]")) {
            return false;
        }
        try {
            JsonNode content = JSON.readTree(data).path("choices").path(0).path("delta").path("content");
            return content.isTextual() && !content.asText().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
