package io.sluice.processors.cache;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts of a prompt that an embedding model blurs but that change the answer: the numbers (and
 * the units attached to them), the names, whether it is negated, and the polar words (largest or
 * smallest, before or after, encrypt or decrypt). Two prompts may share an answer only when these
 * agree; see {@link #agreesWith}.
 */
record PromptFacts(Set<String> numbers, Set<String> implicit, List<String> units, Set<String> names,
        Set<String> tokens, boolean negated, List<String> poles) {

    private static final Pattern TOKEN = Pattern.compile(
            "[$€£¥]?\\d+(?:[.,:/]\\d+)*(?:st|nd|rd|th)?%?|[\\p{L}](?:[\\p{L}\\p{N}+#'’_]|[.-](?=[\\p{L}\\p{N}]))*|%");

    /**
     * True when the two prompts may share an answer. Hard facts must be equal: negation, the
     * numbers (with their units) and the names. Softer ones only must not contradict: units and
     * polar words may be absent on one side, but not opposite (Celsius against Fahrenheit, largest
     * against smallest) nor in another order (Celsius to Fahrenheit against Fahrenheit to Celsius).
     */
    boolean agreesWith(PromptFacts other) {
        return negated == other.negated
                && numbers.equals(other.numbers)
                && (implicit.isEmpty() || other.implicit.isEmpty() || implicit.equals(other.implicit))
                && !unitsContradict(units, other.units)
                && !polesContradict(poles, other.poles)
                && namesFoundIn(other) && other.namesFoundIn(this);
    }

    /**
     * Units contradict when both prompts name units and share none (Celsius against Fahrenheit),
     * or name the same two or more in another order (Celsius to Fahrenheit against the reverse).
     */
    private static boolean unitsContradict(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        return java.util.Collections.disjoint(a, b) || reordered(a, b);
    }

    /**
     * Polar words contradict when one prompt holds the opposite of a pole the other holds without
     * it (largest against smallest), or both hold the same two or more poles in another order
     * (uppercase to lowercase against lowercase to uppercase).
     */
    private static boolean polesContradict(List<String> a, List<String> b) {
        for (String x : a) {
            String o = AgreementVocabulary.opposite(x);
            if (b.contains(o) && !b.contains(x)) {
                return true;
            }
        }
        for (String x : b) {
            String o = AgreementVocabulary.opposite(x);
            if (a.contains(o) && !a.contains(x)) {
                return true;
            }
        }
        return reordered(a, b);
    }

    private static boolean reordered(List<String> a, List<String> b) {
        return a.size() >= 2 && new HashSet<>(a).equals(new HashSet<>(b)) && !a.equals(b);
    }

    /** Every name of this prompt occurs in the other one, in any case, or as the stem of a word there. */
    private boolean namesFoundIn(PromptFacts other) {
        for (String n : names) {
            if (!other.tokens.contains(n) && other.tokens.stream().noneMatch(t -> sameStem(n, t))) {
                return false;
            }
        }
        return true;
    }

    /** Europe and European, Python and Pythonic; not Java and JavaScript. */
    private static boolean sameStem(String a, String b) {
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        return shorter.length() >= 4 && longer.startsWith(shorter) && longer.length() - shorter.length() <= 3;
    }

    static PromptFacts of(String text) {
        List<String> raw = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            raw.add(m.group());
        }
        Set<String> numbers = new TreeSet<>();
        Set<String> implicit = new TreeSet<>();
        List<String> units = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        Set<String> tokens = new HashSet<>();
        List<String> poles = new ArrayList<>();
        boolean negated = false;
        for (int i = 0; i < raw.size(); i++) {
            String t = raw.get(i);
            String lower = stripPossessive(t.toLowerCase(Locale.ROOT));
            tokens.add(lower);
            if (lower.endsWith("n't") || lower.endsWith("n’t") || AgreementVocabulary.NEGATIONS.contains(lower)) {
                negated = true;
            }
            String pole = AgreementVocabulary.POLES.get(lower);
            if (pole != null && !poles.contains(pole)) {
                poles.add(pole);
            }
            String next = i + 1 < raw.size() ? AgreementVocabulary.UNITS.get(singular(raw.get(i + 1).toLowerCase(Locale.ROOT)))
                    : null;
            String number = number(lower);
            if (number != null) {
                String currency = currency(t);
                String unit = t.endsWith("%") ? "percent" : currency != null ? currency : next;
                numbers.add(number + (unit != null ? ":" + unit : ""));
                if (next != null && unit.equals(next)) {
                    tokens.add(raw.get(i + 1).toLowerCase(Locale.ROOT));
                    i++;
                }
                continue;
            }
            if (next != null && AgreementVocabulary.ONE.contains(lower)) {
                implicit.add("1:" + next);
                tokens.add(raw.get(i + 1).toLowerCase(Locale.ROOT));
                i++;
                continue;
            }
            String unit = AgreementVocabulary.UNITS.get(singular(lower));
            if (unit != null) {
                if (!units.contains(unit)) {
                    units.add(unit);
                }
                continue;
            }
            if (isName(t, lower)) {
                names.add(lower);
            }
        }
        return new PromptFacts(numbers, implicit, units, names, tokens, negated, poles);
    }

    /**
     * A name is a word written with a capital that is not a common word (a capitalised common word
     * opens a sentence or a title), or a word with a capital or digit inside (iPhone, USA, GPT4).
     */
    private static boolean isName(String token, String lower) {
        if (token.length() < 2) {
            return false;
        }
        if (hasInnerCapitalOrDigit(token)) {
            return true;
        }
        return Character.isUpperCase(token.codePointAt(0)) && !AgreementVocabulary.COMMON.contains(lower);
    }

    private static boolean hasInnerCapitalOrDigit(String token) {
        for (int i = 1; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.isUpperCase(c) || Character.isDigit(c)) {
                return true;
            }
        }
        return false;
    }

    private static String stripPossessive(String t) {
        if (t.endsWith("'s") || t.endsWith("’s")) {
            return t.substring(0, t.length() - 2);
        }
        return t.endsWith("'") ? t.substring(0, t.length() - 1) : t;
    }

    private static String currency(String token) {
        return switch (token.charAt(0)) {
            case '$' -> "usd";
            case '€' -> "eur";
            case '£' -> "gbp";
            case '¥' -> "jpy";
            default -> null;
        };
    }

    /** The canonical number of a numeric token or a number word; null for anything else. */
    static String number(String lower) {
        String words = AgreementVocabulary.NUMBER_WORDS.get(lower);
        if (words != null) {
            return words;
        }
        String t = lower.replaceAll("^[$€£¥]", "").replaceAll("(st|nd|rd|th|%)$", "");
        if (t.isEmpty() || !Character.isDigit(t.charAt(0))) {
            return null;
        }
        if (t.matches("\\d{1,3}(,\\d{3})+(\\.\\d+)?")) {
            t = t.replace(",", "");
        }
        if (t.matches("\\d+\\.\\d+")) {
            t = t.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return t;
    }

    private static String singular(String w) {
        if (AgreementVocabulary.UNITS.containsKey(w)) {
            return w;
        }
        if (w.endsWith("es") && AgreementVocabulary.UNITS.containsKey(w.substring(0, w.length() - 2))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("s") && AgreementVocabulary.UNITS.containsKey(w.substring(0, w.length() - 1))) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
