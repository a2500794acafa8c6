package io.sluice.egress.safety;

import java.util.ArrayList;
import java.util.List;

/** Splits a text into pieces of at most a number of Unicode code points (the services' per-call limits). */
final class TextChunks {

    private TextChunks() {
    }

    static List<String> split(String text, int maxCodePoints) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.offsetByCodePoints(start, Math.min(maxCodePoints, text.codePointCount(start,
                    text.length())));
            out.add(text.substring(start, end));
            start = end;
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }
}
