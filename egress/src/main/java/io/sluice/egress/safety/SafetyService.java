package io.sluice.egress.safety;

import io.sluice.egress.backend.Secret;
import java.net.URI;
import java.util.Objects;

/**
 * An external safety service the worker calls.
 *
 * @param endpoint   Azure: the resource endpoint ({@code https://<name>.cognitiveservices.azure.com});
 *                   OpenAI: the API base ({@code https://api.openai.com/v1})
 * @param apiVersion Azure's api-version
 * @param model      the moderation model (OpenAI)
 */
public record SafetyService(String id, Kind kind, URI endpoint, String apiVersion, Secret apiKey, String model,
        long connectTimeoutMs) {

    /** The services Sluice speaks to. */
    public enum Kind { AZURE_CONTENT_SAFETY, OPENAI_MODERATION }

    public static final String DEFAULT_AZURE_API_VERSION = "2024-09-01";
    public static final String DEFAULT_MODERATION_MODEL = "omni-moderation-latest";

    public SafetyService {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** The URL of an operation: {@code text:analyze}, {@code text:shieldPrompt}, or {@code moderations}. */
    URI url(String operation) {
        String base = endpoint.toString().replaceAll("/+$", "");
        return kind == Kind.AZURE_CONTENT_SAFETY
                ? URI.create(base + "/contentsafety/" + operation + "?api-version=" + apiVersion)
                : URI.create(base + "/" + operation);
    }

    @Override
    public String toString() {
        return "SafetyService[id=" + id + ", kind=" + kind + ", endpoint=" + endpoint + "]";
    }
}
