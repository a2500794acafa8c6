package io.sluice.processors.cache;

import java.util.SplittableRandom;

/**
 * A 512-bit sign sketch of a vector after a fixed pseudo-random rotation (random sign flips and
 * Walsh-Hadamard transforms, twice). The Hamming distance of two sketches estimates the angle of
 * the vectors (about 512 * angle / pi bits differ), so it prefilters candidates at a few
 * nanoseconds per entry; the rotation costs O(d log d), so rebuilding 100,000 sketches takes well
 * under a second.
 */
final class Signature {

    static final int BITS = 512;
    static final int WORDS = BITS / 64;
    private static final long SEED = 0x5A1C_E5EEDL;

    private final float[] flips1 = new float[BITS];
    private final float[] flips2 = new float[BITS];

    Signature() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int i = 0; i < BITS; i++) {
            flips1[i] = r.nextBoolean() ? 1f : -1f;
            flips2[i] = r.nextBoolean() ? 1f : -1f;
        }
    }

    /** Writes the sketch of {@code v} (at most 512 dimensions are used) into {@code out} at {@code offset}. */
    void sketch(float[] v, long[] out, int offset) {
        float[] x = new float[BITS];
        // vectors longer than 512 (remote models) are folded: still a fixed linear map, so angles are kept roughly
        for (int i = 0; i < v.length; i++) {
            x[i % BITS] += v[i];
        }
        for (int i = 0; i < BITS; i++) {
            x[i] *= flips1[i];
        }
        hadamard(x);
        for (int i = 0; i < BITS; i++) {
            x[i] *= flips2[i];
        }
        hadamard(x);
        for (int w = 0; w < WORDS; w++) {
            long word = 0;
            for (int b = 0; b < 64; b++) {
                if (x[w * 64 + b] > 0) {
                    word |= 1L << b;
                }
            }
            out[offset + w] = word;
        }
    }

    private static void hadamard(float[] x) {
        for (int h = 1; h < x.length; h <<= 1) {
            for (int i = 0; i < x.length; i += h << 1) {
                for (int j = i; j < i + h; j++) {
                    float a = x[j];
                    float b = x[j + h];
                    x[j] = a + b;
                    x[j + h] = a - b;
                }
            }
        }
    }

    /** Most bits in which two sketches of vectors at least {@code threshold} similar differ, with margin. */
    static int maxDistance(double threshold) {
        double p = Math.acos(Math.max(-1, Math.min(1, threshold))) / Math.PI;
        double mean = BITS * p;
        double sd = Math.sqrt(BITS * p * (1 - p));
        return (int) Math.ceil(mean + 5 * sd + 8);
    }
}
