package io.sluice.egress.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.records.Json;
import io.sluice.records.PromptRecord;
import java.io.IOException;

/**
 * Adjusts a request body for one backend, touching it only when needed: streams always ask for
 * the final usage chunk (so usage is exact), and an OpenAI backend may know the model by
 * another name. Otherwise the client's bytes go out unchanged.
 */
public final class BodyRewriter {
    private BodyRewriter() {
    }

    public static byte[] forBackend(PromptRecord prompt, BackendEndpoint backend) {
        boolean addUsage = prompt.stream() && !prompt.includeUsage();
        boolean renameModel = backend.kind() == BackendKind.OPENAI && backend.upstreamModel() != null
                && !backend.upstreamModel().equals(prompt.model());
        if (!addUsage && !renameModel) {
            return prompt.body();
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(prompt.body());
            if (!(tree instanceof ObjectNode body)) {
                return prompt.body();
            }
            if (addUsage) {
                JsonNode options = body.get("stream_options");
                ObjectNode o = options instanceof ObjectNode existing ? existing : body.putObject("stream_options");
                o.put("include_usage", true);
            }
            if (renameModel) {
                body.put("model", backend.upstreamModel());
            }
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            return prompt.body();
        }
    }
}
