package io.sluice.egress.backend;

import io.sluice.records.Operation;
import java.net.URI;
import java.util.Objects;

/**
 * One LLM backend egress can call.
 *
 * @param baseUrl       for OpenAI, the API base ending in {@code /v1}; for Azure, the resource endpoint
 * @param deployment    Azure deployment name (Azure only)
 * @param apiVersion    Azure api-version (Azure only)
 * @param apiKey        credential, or null for none
 * @param upstreamModel model name to send to an OpenAI backend instead of the client's, or null
 */
public record BackendEndpoint(
        String id,
        BackendKind kind,
        URI baseUrl,
        String deployment,
        String apiVersion,
        Secret apiKey,
        String upstreamModel,
        long connectTimeoutMs) {

    public BackendEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (kind == BackendKind.AZURE_OPENAI && (deployment == null || apiVersion == null)) {
            throw new IllegalArgumentException("Azure OpenAI backend " + id + " needs a deployment and an api-version");
        }
    }

    public static BackendEndpoint openAi(String id, String baseUrl, Secret key) {
        return new BackendEndpoint(id, BackendKind.OPENAI, URI.create(baseUrl), null, null, key, null, 5_000);
    }

    public static BackendEndpoint azure(String id, String endpoint, String deployment, String apiVersion, Secret key) {
        return new BackendEndpoint(id, BackendKind.AZURE_OPENAI, URI.create(endpoint), deployment, apiVersion, key,
                null, 5_000);
    }

    /** The absolute URL of an operation on this backend. */
    public String url(Operation op) {
        String base = stripSlash(baseUrl.toString());
        if (kind == BackendKind.OPENAI) {
            return base + op.path();
        }
        return base + "/openai/deployments/" + deployment + op.path() + "?api-version=" + apiVersion;
    }

    /** The absolute URL of a health-check path: below the API base (OpenAI) or the endpoint (Azure). */
    public String healthUrl(String path) {
        String base = stripSlash(baseUrl.toString());
        if (kind == BackendKind.OPENAI) {
            return base + path;
        }
        return base + path + (path.contains("?") ? "&" : "?") + "api-version=" + apiVersion;
    }

    /** The header that carries the credential. */
    public String authHeaderName() {
        return kind == BackendKind.OPENAI ? "Authorization" : "api-key";
    }

    public String authHeaderValue() {
        if (apiKey == null) {
            return null;
        }
        return kind == BackendKind.OPENAI ? "Bearer " + apiKey.reveal() : apiKey.reveal();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
