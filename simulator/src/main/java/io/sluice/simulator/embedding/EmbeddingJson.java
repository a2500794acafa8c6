package io.sluice.simulator.embedding;

import io.sluice.simulator.openai.JsonText;

/** Writes the embeddings response body in OpenAI's shape. */
public final class EmbeddingJson {

    private EmbeddingJson() {
    }

    public static String response(EmbeddingRequest request) {
        StringBuilder json = new StringBuilder(64 + request.inputs().size() * request.dimensions() * 12);
        json.append("{\"object\":\"list\",\"data\":[");
        for (int i = 0; i < request.inputs().size(); i++) {
            float[] vector = EmbeddingVectors.of(request.inputs().get(i), request.dimensions());
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":");
            if (request.base64()) {
                json.append('"').append(EmbeddingVectors.toBase64(vector)).append('"');
            } else {
                appendFloats(json, vector);
            }
            json.append('}');
        }
        json.append("],\"model\":").append(JsonText.quote(request.model()))
                .append(",\"usage\":{\"prompt_tokens\":").append(request.promptTokens())
                .append(",\"total_tokens\":").append(request.promptTokens()).append("}}");
        return json.toString();
    }

    private static void appendFloats(StringBuilder json, float[] vector) {
        json.append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(vector[i]);
        }
        json.append(']');
    }
}
