package io.sluice.safety.detect;

/**
 * A match in a text: what kind of thing it is and where ({@code start} inclusive, {@code end} exclusive).
 *
 * @param kind e.g. {@code email}, {@code card}, {@code keyword}, {@code injection}
 */
public record Finding(String kind, int start, int end) {

    public Finding {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }
}
