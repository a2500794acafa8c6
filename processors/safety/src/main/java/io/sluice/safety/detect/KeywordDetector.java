package io.sluice.safety.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A keyword blocklist: words and phrases matched case-insensitively as whole words (a keyword
 * inside a longer word does not count), whitespace inside a phrase matching any run of whitespace.
 */
public final class KeywordDetector implements Detector {

    private final Pattern pattern;
    private final int longest;
    private final List<String> firstWords;
    /** Whether every keyword is ASCII, so the fast indexOf path may be used for ASCII text. */
    private final boolean asciiKeywords;

    public KeywordDetector(List<String> keywords) {
        if (keywords.isEmpty()) {
            throw new IllegalArgumentException("a keyword blocklist needs at least one keyword");
        }
        List<String> sorted = new ArrayList<>();
        for (String k : keywords) {
            String t = k.strip();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("a keyword is empty");
            }
            sorted.add(t.toLowerCase(Locale.ROOT));
        }
        // longest first, so a phrase wins over a keyword it starts with
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder alternatives = new StringBuilder();
        for (String k : sorted) {
            if (alternatives.length() > 0) {
                alternatives.append('|');
            }
            String[] words = k.split("\\s+");
            for (int i = 0; i < words.length; i++) {
                if (i > 0) {
                    alternatives.append("\\s+");
                }
                alternatives.append(Pattern.quote(words[i]));
            }
        }
        this.pattern = Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + alternatives + ")(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.longest = sorted.get(0).length() * 2;
        this.firstWords = sorted.stream().map(k -> k.split("\\s+")[0]).distinct().toList();
        this.asciiKeywords = sorted.stream().allMatch(AsciiText::is);
    }

    @Override
    public List<Finding> find(String text) {
        if (!asciiKeywords || !AsciiText.is(text)) {
            // the indexOf pre-filter below agrees with the pattern's case folding only for ASCII
            return findAll(pattern.matcher(text));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        // the first word of each keyword by indexOf (fast), the whole keyword confirmed by the pattern there
        Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        List<Finding> out = new ArrayList<>();
        for (String first : firstWords) {
            int at = lower.indexOf(first);
            while (at >= 0) {
                m.region(at, text.length());
                if (m.lookingAt()) {
                    out.add(new Finding("keyword", m.start(), m.end()));
                }
                at = lower.indexOf(first, at + 1);
            }
        }
        return Findings.disjoint(out);
    }

    private static List<Finding> findAll(Matcher m) {
        List<Finding> out = new ArrayList<>();
        while (m.find()) {
            out.add(new Finding("keyword", m.start(), m.end()));
        }
        return out;
    }

    @Override
    public int maxMatchLength() {
        return longest;
    }
}
