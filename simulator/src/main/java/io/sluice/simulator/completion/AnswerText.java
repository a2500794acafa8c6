package io.sluice.simulator.completion;

import java.util.SplittableRandom;

/**
 * Deterministic plain-English answers made of pieces that are one token each in both cl100k_base and o200k_base,
 * so the number of pieces is the real token count of the text.
 */
public final class AnswerText {

    private static final String[] STARTERS = {
        "The", "This", "It", "We", "Our", "Every", "Each", "Some", "Most", "One", "In", "A"};
    private static final String[] WORDS = {
        "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "with", "was", "on", "be", "by", "at",
        "this", "from", "are", "or", "have", "an", "not", "but", "which", "can", "all", "will", "one", "more",
        "their", "has", "about", "there", "been", "would", "time", "when", "out", "also", "other", "so", "into",
        "some", "only", "new", "these", "may", "people", "first", "any", "like", "now", "just", "over", "such",
        "most", "our", "way", "well", "even", "back", "good", "many", "much", "very", "because", "each", "those",
        "what", "where", "how", "than", "then", "light", "river", "stone", "garden", "window", "morning",
        "evening", "signal", "system", "model", "answer", "request", "network", "stream", "cloud", "bridge",
        "market", "paper", "music", "story", "world", "water", "field", "forest", "ocean", "mountain", "valley",
        "city", "station", "engine", "design", "pattern", "method", "result", "value", "number", "simple",
        "clear", "quiet", "steady", "bright", "careful", "gentle", "modern", "ancient", "green", "blue", "golden",
        "silver", "small", "large", "long", "short", "quick", "slow", "early", "late", "open", "close", "build",
        "carry", "follow", "guide", "measure", "balance", "return", "travel", "gather", "share", "hold", "keep",
        "make", "move", "turn", "bring", "write", "read", "learn", "teach", "plan", "test", "check"};

    private static final String[] SPACED_STARTERS = spaced(STARTERS);
    private static final String[] SPACED_WORDS = spaced(WORDS);
    private static final String PERIOD = ".";
    private static final int MIN_SENTENCE = 3;

    private AnswerText() {
    }

    /**
     * Exactly {@code length} pieces forming whole sentences, the same for the same seed; a shorter answer for the
     * same seed is obtained by taking a prefix, not by calling this with a smaller length.
     */
    public static String[] pieces(long seed, int length) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] pieces = new String[length];
        int next = 0;
        while (next < length) {
            int sentence = 6 + random.nextInt(9);
            int remaining = length - next;
            if (remaining - sentence < MIN_SENTENCE) {
                sentence = remaining;
            }
            pieces[next] = next == 0
                    ? STARTERS[random.nextInt(STARTERS.length)]
                    : SPACED_STARTERS[random.nextInt(SPACED_STARTERS.length)];
            int end = next + sentence;
            boolean period = sentence >= MIN_SENTENCE;
            int lastWord = period ? end - 1 : end;
            for (int i = next + 1; i < lastWord; i++) {
                pieces[i] = SPACED_WORDS[random.nextInt(SPACED_WORDS.length)];
            }
            if (period) {
                pieces[end - 1] = PERIOD;
            }
            next = end;
        }
        return pieces;
    }

    /** The text of the first {@code count} pieces. */
    public static String join(String[] pieces, int count) {
        StringBuilder text = new StringBuilder(count * 7);
        for (int i = 0; i < count; i++) {
            text.append(pieces[i]);
        }
        return text.toString();
    }

    /** Every distinct piece an answer can contain; used to check that each is a single token. */
    public static String[] vocabulary() {
        String[] all = new String[STARTERS.length * 2 + WORDS.length + 1];
        int i = 0;
        for (String s : STARTERS) {
            all[i++] = s;
        }
        for (String s : SPACED_STARTERS) {
            all[i++] = s;
        }
        for (String s : SPACED_WORDS) {
            all[i++] = s;
        }
        all[i] = PERIOD;
        return all;
    }

    private static String[] spaced(String[] words) {
        String[] spaced = new String[words.length];
        for (int i = 0; i < words.length; i++) {
            spaced[i] = " " + words[i];
        }
        return spaced;
    }
}
