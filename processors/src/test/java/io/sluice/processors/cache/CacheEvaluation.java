package io.sluice.processors.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures the cache's matching on the evaluation set (src/test/resources/cache-eval/pairs.tsv):
 * for each threshold, with the model alone and with the agreement check, the hit rate on the
 * paraphrases and the wrong hits on the hard negatives; per category at the default; and the same
 * as a cache sees it (every stored prompt in one index, each new prompt looked up against all).
 * Run: {@code mvn -B -q -pl processors test -Dtest=CacheEvaluationTest} (report in
 * processors/target/cache-eval-report.md), or this class's main.
 */
public final class CacheEvaluation {

    static final double[] THRESHOLDS = {0.80, 0.82, 0.84, 0.86, 0.88, 0.90, 0.92, 0.94, 0.96};

    /** One pair of the set. */
    record Pair(boolean same, String category, String stored, String asked) {
    }

    /** Counts at one threshold. */
    record Score(double threshold, boolean checked, int hitsOnSame, int same, int hitsOnDifferent, int different) {
        double hitRate() {
            return same == 0 ? 0 : (double) hitsOnSame / same;
        }

        double falseHitRate() {
            return different == 0 ? 0 : (double) hitsOnDifferent / different;
        }

        /** Share of all hits that are wrong (1 - precision). */
        double wrongShare() {
            int hits = hitsOnSame + hitsOnDifferent;
            return hits == 0 ? 0 : (double) hitsOnDifferent / hits;
        }
    }

    /** Lookups as a cache makes them: right hits, wrong hits, misses. */
    record Retrieval(double threshold, boolean checked, int right, int wrong, int answerable, int queries) {
        double hitRate() {
            return answerable == 0 ? 0 : (double) right / answerable;
        }

        double wrongShare() {
            return right + wrong == 0 ? 0 : (double) wrong / (right + wrong);
        }
    }

    final List<Pair> pairs;
    private final Map<String, float[]> vectors = new HashMap<>();
    private final Map<String, PromptFacts> facts = new HashMap<>();

    CacheEvaluation(List<Pair> pairs, Embedder embedder) {
        this.pairs = pairs;
        for (Pair p : pairs) {
            for (String t : List.of(p.stored(), p.asked())) {
                String n = CacheRequest.normalise(t);
                vectors.computeIfAbsent(n, embedder::embed);
                facts.computeIfAbsent(n, PromptFacts::of);
            }
        }
    }

    /** The main set, on which the agreement check was developed. */
    static List<Pair> load() {
        return load("/cache-eval/pairs.tsv");
    }

    /** Pairs written after the check was settled and never used to change it. */
    static List<Pair> loadHeldOut() {
        return load("/cache-eval/held-out.tsv");
    }

    static List<Pair> load(String resource) {
        List<Pair> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                CacheEvaluation.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(new Pair(f[0].equals("same"), f[1], f[2], f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    double similarity(Pair p) {
        return VectorCodec.dot(vectors.get(CacheRequest.normalise(p.stored())),
                vectors.get(CacheRequest.normalise(p.asked())));
    }

    boolean agree(String a, String b) {
        return facts.get(CacheRequest.normalise(a)).agreesWith(facts.get(CacheRequest.normalise(b)));
    }

    boolean hit(Pair p, double threshold, boolean checked) {
        return similarity(p) >= threshold && (!checked || agree(p.stored(), p.asked()));
    }

    Score score(double threshold, boolean checked) {
        return score(pairs, threshold, checked);
    }

    Score score(List<Pair> subset, double threshold, boolean checked) {
        int hs = 0;
        int s = 0;
        int hd = 0;
        int d = 0;
        for (Pair p : subset) {
            boolean h = hit(p, threshold, checked);
            if (p.same()) {
                s++;
                hs += h ? 1 : 0;
            } else {
                d++;
                hd += h ? 1 : 0;
            }
        }
        return new Score(threshold, checked, hs, s, hd, d);
    }

    /** Every stored prompt in one cache; each asked prompt looked up as the cache stage does. */
    Retrieval retrieval(double threshold, boolean checked) {
        Set<String> stored = new LinkedHashSet<>();
        Map<String, Set<String>> partners = new HashMap<>();
        for (Pair p : pairs) {
            stored.add(p.stored());
            partners.computeIfAbsent(p.asked(), k -> new LinkedHashSet<>());
            if (p.same()) {
                partners.get(p.asked()).add(p.stored());
            }
        }
        int right = 0;
        int wrong = 0;
        int answerable = 0;
        for (Map.Entry<String, Set<String>> q : partners.entrySet()) {
            if (!q.getValue().isEmpty()) {
                answerable++;
            }
            List<Map.Entry<Double, String>> ranked = new ArrayList<>();
            for (Map.Entry<Double, String> c : ranked(q.getKey(), stored)) {
                if (c.getKey() >= threshold) {
                    ranked.add(c);
                }
            }
            String answer = null;
            for (Map.Entry<Double, String> c : ranked.subList(0, Math.min(CacheLookupProcessor.CONFIRM, ranked.size()))) {
                if (!checked || agree(c.getValue(), q.getKey())) {
                    answer = c.getValue();
                    break;
                }
            }
            if (answer != null) {
                if (q.getValue().contains(answer)) {
                    right++;
                } else {
                    wrong++;
                }
            }
        }
        return new Retrieval(threshold, checked, right, wrong, answerable, partners.size());
    }

    private final Map<String, List<Map.Entry<Double, String>>> rankings = new HashMap<>();

    /** Every stored prompt but the query itself, most similar first (computed once per query). */
    private List<Map.Entry<Double, String>> ranked(String query, Set<String> stored) {
        return rankings.computeIfAbsent(query, q -> {
            float[] qv = vectors.get(CacheRequest.normalise(q));
            List<Map.Entry<Double, String>> out = new ArrayList<>();
            for (String s : stored) {
                if (!s.equals(q)) {
                    out.add(Map.entry(VectorCodec.dot(qv, vectors.get(CacheRequest.normalise(s))), s));
                }
            }
            out.sort((a, b) -> Double.compare(b.getKey(), a.getKey()));
            return out;
        });
    }

    /** The report, as Markdown. */
    String report() {
        StringBuilder sb = new StringBuilder();
        long same = pairs.stream().filter(Pair::same).count();
        sb.append(String.format(Locale.ROOT, "Evaluation set: %d pairs (%d paraphrases, %d hard negatives)%n%n",
                pairs.size(), same, pairs.size() - same));
        sb.append("Pairs: hit rate = paraphrases that hit; false hits = hard negatives that hit; wrong share = "
                + "wrong hits / all hits (1 - precision).\n\n");
        sb.append("| threshold | model: hit rate | model: false hits | model: wrong share | model+check: hit rate "
                + "| model+check: false hits | model+check: wrong share |\n|---|---|---|---|---|---|---|\n");
        for (double t : THRESHOLDS) {
            Score m = score(t, false);
            Score c = score(t, true);
            sb.append(String.format(Locale.ROOT, "| %.2f | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% |%n", t,
                    100 * m.hitRate(), 100 * m.falseHitRate(), 100 * m.wrongShare(), 100 * c.hitRate(),
                    100 * c.falseHitRate(), 100 * c.wrongShare()));
        }
        sb.append("\nAs a cache (all stored prompts in one index, each new prompt looked up; hit rate over the new "
                + "prompts that have a paraphrase stored):\n\n");
        sb.append("| threshold | model: hit rate | model: wrong share | model+check: hit rate | model+check: wrong "
                + "share |\n|---|---|---|---|---|\n");
        for (double t : THRESHOLDS) {
            Retrieval m = retrieval(t, false);
            Retrieval c = retrieval(t, true);
            sb.append(String.format(Locale.ROOT, "| %.2f | %.1f%% | %.1f%% (%d) | %.1f%% | %.1f%% (%d) |%n", t,
                    100 * m.hitRate(), 100 * m.wrongShare(), m.wrong(), 100 * c.hitRate(), 100 * c.wrongShare(),
                    c.wrong()));
        }
        double d = CachePolicy.DEFAULT_THRESHOLD;
        sb.append(String.format(Locale.ROOT, "%nPer category at the default threshold %.2f (hits / pairs):%n%n", d));
        sb.append("| category | model | model+check |\n|---|---|---|\n");
        Map<String, List<Pair>> byCategory = new TreeMap<>();
        pairs.forEach(p -> byCategory.computeIfAbsent(p.category(), k -> new ArrayList<>()).add(p));
        byCategory.forEach((cat, list) -> {
            long m = list.stream().filter(p -> hit(p, d, false)).count();
            long c = list.stream().filter(p -> hit(p, d, true)).count();
            sb.append(String.format(Locale.ROOT, "| %s (%s) | %d / %d | %d / %d |%n", cat,
                    list.get(0).same() ? "should hit" : "must miss", m, list.size(), c, list.size()));
        });
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Pair p : pairs) {
            if (!p.same() && hit(p, d, true)) {
                wrong.put(p.stored(), p.asked());
            }
        }
        sb.append(String.format(Locale.ROOT, "%nHard negatives that still hit at %.2f with the check:%n%n", d));
        wrong.forEach((a, b) -> sb.append("- ").append(a).append(" / ").append(b).append('\n'));
        return sb.toString();
    }

    /** The report of the main set and of the held-out set. */
    static String fullReport(CacheEvaluation main, CacheEvaluation heldOut) {
        return "## Main set (pairs.tsv)\n\n" + main.report() + "\n## Held-out set (held-out.tsv)\n\n"
                + heldOut.report();
    }

    public static void main(String[] args) throws IOException {
        String report = fullReport(new CacheEvaluation(load(), LocalEmbedder.shared()),
                new CacheEvaluation(loadHeldOut(), LocalEmbedder.shared()));
        System.out.println(report);
        Path out = Path.of(args.length > 0 ? args[0] : "processors/target/cache-eval-report.md");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
    }
}
