package io.sluice.safety.detect;

import java.util.List;

/** A built-in check that finds things in text, locally and without a network call. Thread-safe. */
public interface Detector {

    /** The matches in {@code text}, in order of position, not overlapping. */
    List<Finding> find(String text);

    /** The longest match it can report, in characters: how far back a streamed text must be kept. */
    default int maxMatchLength() {
        return 256;
    }
}
