package io.sluice.simulator.openai;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** JSON reading and string quoting shared by the request readers and answer writers. */
public final class JsonText {

    /** The one mapper of the simulator; thread-safe once configured. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonText() {
    }

    public static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    /** Appends {@code text} as a JSON string literal. */
    public static void appendQuoted(StringBuilder out, String text) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        out.append('"');
    }

    public static String quoteOrNull(String text) {
        return text == null ? "null" : quote(text);
    }

    /** Parses a request body that must be a JSON object, or throws a 400 {@code invalid_json} rejection. */
    public static JsonNode readObject(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new RejectedRequest(ApiError.invalidJson("the body is empty"));
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            throw new RejectedRequest(ApiError.invalidJson("it is not valid JSON"));
        }
        if (node == null || !node.isObject()) {
            throw new RejectedRequest(ApiError.invalidJson("it is not a JSON object"));
        }
        return node;
    }
}
