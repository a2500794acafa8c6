package io.sluice.simulator.embedding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.SplittableRandom;

/** Deterministic unit-length vectors seeded by a hash of the input text. */
public final class EmbeddingVectors {

    private EmbeddingVectors() {
    }

    /**
     * The unit vector for a text; a smaller {@code dimensions} gives the renormalised prefix of a larger one, as
     * OpenAI's shortened embeddings do.
     */
    public static float[] of(String text, int dimensions) {
        SplittableRandom random = new SplittableRandom(fnv1a(text));
        double[] raw = new double[dimensions];
        double squares = 0;
        for (int i = 0; i < dimensions; i++) {
            raw[i] = random.nextDouble() * 2 - 1;
            squares += raw[i] * raw[i];
        }
        double norm = Math.sqrt(squares);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (norm == 0 ? (i == 0 ? 1 : 0) : raw[i] / norm);
        }
        return vector;
    }

    /** Little-endian float32 bytes, base64-encoded, as OpenAI's {@code encoding_format: "base64"}. */
    public static String toBase64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
