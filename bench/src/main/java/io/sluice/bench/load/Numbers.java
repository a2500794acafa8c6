package io.sluice.bench.load;

/** Renders rates without a needless {@code .0}. */
public final class Numbers {
    private Numbers() {
    }

    public static String compact(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
