package io.sluice.processors.cache;

/**
 * Where prompt embeddings come from: the in-process model (all-MiniLM-L6-v2, quantized; no
 * network), or an OpenAI-compatible embeddings endpoint.
 *
 * @param url             the full embeddings URL of a remote source (null for the local model)
 * @param authHeaderName  the credential's header ({@code Authorization} or {@code api-key}), or null
 * @param authHeaderValue the credential, never logged
 * @param model           the model name sent to the remote source (null to send none, as Azure needs)
 * @param timeoutMs       how long a lookup waits for a remote embedding before it bypasses the cache
 */
public record EmbeddingsSource(String url, String authHeaderName, String authHeaderValue, String model,
        long timeoutMs) {

    public static EmbeddingsSource local() {
        return new EmbeddingsSource(null, null, null, null, 0);
    }

    public boolean isLocal() {
        return url == null;
    }

    public EmbeddingsSource {
        if (url != null && timeoutMs < 1) {
            throw new IllegalArgumentException("timeoutMs must be positive for a remote embeddings source");
        }
    }

    @Override
    public String toString() {
        return isLocal() ? "EmbeddingsSource[local all-MiniLM-L6-v2-q]"
                : "EmbeddingsSource[" + url + ", model=" + model + ", credential=" + (authHeaderValue == null ? "none"
                        : "****") + "]";
    }
}
