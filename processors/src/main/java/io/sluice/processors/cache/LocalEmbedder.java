package io.sluice.processors.cache;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) run in process by ONNX Runtime: no network, a few
 * milliseconds per prompt. The model (23 MB) is loaded once per JVM and shared by every task.
 */
public final class LocalEmbedder implements Embedder {

    private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    private LocalEmbedder() {
    }

    private static final class Holder {
        static final LocalEmbedder INSTANCE = new LocalEmbedder();
    }

    /** The shared instance; the first call loads the model (about a second). */
    public static LocalEmbedder shared() {
        return Holder.INSTANCE;
    }

    @Override
    public float[] embed(String text) {
        return Embedder.unit(model.embed(text).content().vector());
    }
}
