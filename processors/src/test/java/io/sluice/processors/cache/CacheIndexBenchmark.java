package io.sluice.processors.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures the in-process embedding (p50/p99 per prompt) and the vector index: lookup p50/p99 at
 * 10,000 and 100,000 entries in one group (the worst case: one scope in one partition), recall of
 * the best match against an exact scan, build time and heap per 100,000 entries. Entries are the
 * evaluation set's real embeddings plus noise, so many are near neighbours of the queries.
 * Prints what it measured; no verdict.
 *
 * <pre>mvn -B -q -pl processors test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.sluice.processors.cache.CacheIndexBenchmark</pre>
 */
public final class CacheIndexBenchmark {

    public static void main(String[] args) {
        Embedder embedder = LocalEmbedder.shared();
        List<String> texts = new ArrayList<>();
        for (CacheEvaluation.Pair p : CacheEvaluation.load()) {
            texts.add(p.stored());
            texts.add(p.asked());
        }
        for (int i = 0; i < 50; i++) {
            embedder.embed(texts.get(i));
        }
        long[] embedNs = new long[texts.size()];
        List<float[]> base = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            long t = System.nanoTime();
            base.add(embedder.embed(texts.get(i)));
            embedNs[i] = System.nanoTime() - t;
        }
        System.out.printf(Locale.ROOT, "embedding (all-MiniLM-L6-v2-q, %d prompts of the evaluation set): "
                + "p50 %.2f ms, p99 %.2f ms%n", texts.size(), pct(embedNs, 50), pct(embedNs, 99));
        for (int n : new int[] {10_000, 100_000}) {
            run(n, base);
        }
    }

    private static void run(int n, List<float[]> base) {
        SplittableRandom r = new SplittableRandom(42);
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            vectors[i] = noisy(base.get(i % base.size()), 0.01 + 0.05 * r.nextDouble(), r);
        }
        gc();
        long before = used();
        long t0 = System.nanoTime();
        VectorIndex index = new VectorIndex();
        for (int i = 0; i < n; i++) {
            index.put(String.format("%064x", i), "bench|scope", "bench|scope#0", vectors[i], Long.MAX_VALUE, i);
        }
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        gc();
        long heap = used() - before;
        int queries = 3_000;
        float[][] qs = new float[queries][];
        for (int i = 0; i < queries; i++) {
            qs[i] = noisy(base.get(r.nextInt(base.size())), 0.02, r);
        }
        for (int i = 0; i < 1_000; i++) {
            index.search("bench|scope#0", qs[i], CachePolicy.DEFAULT_THRESHOLD, CacheLookupProcessor.CONFIRM, 0);
        }
        long[] ns = new long[queries];
        int found = 0;
        for (int i = 0; i < queries; i++) {
            long t = System.nanoTime();
            List<VectorIndex.Candidate> c = index.search("bench|scope#0", qs[i], CachePolicy.DEFAULT_THRESHOLD,
                    CacheLookupProcessor.CONFIRM, 0);
            ns[i] = System.nanoTime() - t;
            found += c.isEmpty() ? 0 : 1;
        }
        int agree = 0;
        int exactHits = 0;
        for (int i = 0; i < 300; i++) {
            int best = -1;
            double bestScore = CachePolicy.DEFAULT_THRESHOLD;
            for (int j = 0; j < n; j++) {
                double s = VectorCodec.dot(qs[i], vectors[j]);
                if (s >= bestScore) {
                    bestScore = s;
                    best = j;
                }
            }
            List<VectorIndex.Candidate> c = index.search("bench|scope#0", qs[i], CachePolicy.DEFAULT_THRESHOLD,
                    CacheLookupProcessor.CONFIRM, 0);
            if (best >= 0) {
                exactHits++;
                String key = String.format("%064x", best);
                if (c.stream().anyMatch(x -> x.key().equals(key))) {
                    agree++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "index, %,d entries in one group: lookup p50 %.3f ms, p99 %.3f ms, max %.3f ms "
                        + "(%d/%d queries found a match >= %.2f); best match among the %d returned in %d of %d "
                        + "exact-scan matches; build %d ms; heap %.1f MB (%.0f bytes per entry)%n", n, pct(ns, 50),
                pct(ns, 99), Arrays.stream(ns).max().orElse(0) / 1e6, found, queries, CachePolicy.DEFAULT_THRESHOLD,
                CacheLookupProcessor.CONFIRM, agree, exactHits, buildMs, heap / 1e6, (double) heap / n);
    }

    private static float[] noisy(float[] v, double sigma, SplittableRandom r) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] + sigma * gaussian(r));
        }
        return Embedder.unit(out);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static double pct(long[] ns, int p) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
