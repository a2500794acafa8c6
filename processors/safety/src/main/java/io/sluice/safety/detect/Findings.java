package io.sluice.safety.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Operations on sets of findings. */
public final class Findings {

    private Findings() {
    }

    /** Sorted by position; of overlapping findings the earlier (then longer) one is kept. */
    public static List<Finding> disjoint(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt(Finding::start).thenComparing(f -> -(f.end() - f.start())));
        List<Finding> out = new ArrayList<>();
        int end = -1;
        for (Finding f : sorted) {
            if (f.start() >= end) {
                out.add(f);
                end = f.end();
            }
        }
        return out;
    }

    /** {@code text} with every finding replaced by {@code [REDACTED:<KIND>]}. */
    public static String redact(String text, List<Finding> findings) {
        StringBuilder sb = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : disjoint(findings)) {
            sb.append(text, at, f.start());
            sb.append("[REDACTED:").append(f.kind().toUpperCase(java.util.Locale.ROOT)).append(']');
            at = f.end();
        }
        sb.append(text, at, text.length());
        return sb.toString();
    }
}
