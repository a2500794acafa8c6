package io.sluice.processors.cache;

/** Turns a prompt into a unit-length vector whose dot products are cosine similarities. */
public interface Embedder {

    /** The embedding, normalised to length 1; throws {@link EmbeddingUnavailableException} when it cannot. */
    float[] embed(String text);

    /** Loads what the first embedding needs (the model), so no request waits for it; idempotent. */
    default void warmUp() {
    }

    /**
     * The embedder configured by {@code source}. The in-process model is loaded once per JVM, on
     * {@link #warmUp} (when a task starts) or the first embedding, not when a topology is built.
     */
    static Embedder of(EmbeddingsSource source) {
        if (!source.isLocal()) {
            return new RemoteEmbedder(source);
        }
        return new Embedder() {
            @Override
            public float[] embed(String text) {
                try {
                    return LocalEmbedder.shared().embed(text);
                } catch (LinkageError e) {
                    // ONNX Runtime could not load on this platform: the cache still answers exact matches
                    throw new EmbeddingUnavailableException("the local embedding model could not be loaded ("
                            + e.getClass().getSimpleName() + ")");
                }
            }

            @Override
            public void warmUp() {
                try {
                    LocalEmbedder.shared();
                } catch (LinkageError e) {
                    org.slf4j.LoggerFactory.getLogger(Embedder.class).error("the local embedding model could not "
                            + "be loaded; the cache will answer exact matches only", e);
                }
            }
        };
    }

    /** Scales {@code v} to length 1 in place (remote models need not return unit vectors). */
    static float[] unit(float[] v) {
        double sum = 0;
        for (float f : v) {
            sum += f * f;
        }
        if (sum > 0) {
            float inv = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }
}
