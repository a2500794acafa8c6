package io.sluice.processors.cache;

/** An embedding could not be had (remote source down or slow): the request bypasses the cache. */
public final class EmbeddingUnavailableException extends RuntimeException {
    public EmbeddingUnavailableException(String message) {
        super(message);
    }
}
