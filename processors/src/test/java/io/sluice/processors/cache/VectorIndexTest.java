package io.sluice.processors.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorIndexTest {

    private static float[] random(SplittableRandom r, int dims) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Embedder.unit(v);
    }

    private static float[] near(float[] v, double sigma, SplittableRandom r) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] + sigma * r.nextGaussian());
        }
        return Embedder.unit(out);
    }

    /** Among near-duplicates the int8 rescoring may order ties differently; what it returns is as good. */
    @Test
    void findsAMatchAsGoodAsAnExactScanAmongDenseNearDuplicates() {
        SplittableRandom r = new SplittableRandom(1);
        int n = 5_000;
        float[][] vs = new float[n][];
        float[][] centres = new float[50][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = random(r, 384);
        }
        VectorIndex index = new VectorIndex();
        for (int i = 0; i < n; i++) {
            vs[i] = near(centres[i % centres.length], 0.015, r);
            index.put("k" + i, "s", "g", vs[i], Long.MAX_VALUE, 0);
        }
        int checked = 0;
        for (int q = 0; q < 200; q++) {
            float[] query = near(centres[q % centres.length], 0.01, r);
            int best = -1;
            double bestScore = 0.9;
            for (int i = 0; i < n; i++) {
                double s = VectorCodec.dot(query, vs[i]);
                if (s >= bestScore) {
                    bestScore = s;
                    best = i;
                }
            }
            List<VectorIndex.Candidate> found = index.search("g", query, 0.9, 4, 0);
            if (best >= 0) {
                checked++;
                double bestFound = found.stream().mapToDouble(c -> VectorCodec.dot(query,
                        vs[Integer.parseInt(c.key().substring(1))])).max().orElse(0);
                assertThat(bestFound).isCloseTo(bestScore, org.assertj.core.data.Offset.offset(0.005));
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void keepsGroupsApartAndLeavesOutExpiredEntries() {
        SplittableRandom r = new SplittableRandom(2);
        float[] v = random(r, 384);
        VectorIndex index = new VectorIndex();
        index.put("a", "s1", "g1", v, 1_000, 0);
        index.put("b", "s2", "g2", v, 5_000, 0);
        assertThat(index.search("g1", v, 0.9, 4, 500)).extracting(VectorIndex.Candidate::key).containsExactly("a");
        assertThat(index.search("g1", v, 0.9, 4, 1_000)).isEmpty();
        assertThat(index.expired(1_000)).containsExactly("a");
        assertThat(index.entriesPerScope()).containsEntry("s1", 1).containsEntry("s2", 1);
    }

    @Test
    void removingAnEntryKeepsTheOthersFindable() {
        SplittableRandom r = new SplittableRandom(3);
        VectorIndex index = new VectorIndex();
        float[][] vs = new float[10][];
        for (int i = 0; i < 10; i++) {
            vs[i] = random(r, 384);
            index.put("k" + i, "s", "g", vs[i], Long.MAX_VALUE, i);
        }
        index.remove("k0");
        index.remove("k5");
        index.put("k3", "s", "g", vs[3], Long.MAX_VALUE, 99);
        assertThat(index.size()).isEqualTo(8);
        for (int i = 0; i < 10; i++) {
            List<VectorIndex.Candidate> found = index.search("g", vs[i], 0.99, 1, 0);
            if (i == 0 || i == 5) {
                assertThat(found).isEmpty();
            } else {
                assertThat(found).extracting(VectorIndex.Candidate::key).containsExactly("k" + i);
            }
        }
        assertThat(index.leastRecentlyUsed(2)).containsExactly("k1", "k2");
    }
}
