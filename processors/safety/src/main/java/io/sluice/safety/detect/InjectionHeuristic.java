package io.sluice.safety.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A heuristic for prompt-injection and jailbreak attempts: weighted phrase signals (instructions to
 * ignore earlier instructions, requests for the system prompt, "developer mode" personas, injected
 * role markers). A text whose signals add up to the threshold is a finding. It is a heuristic: it
 * catches the common phrasings, misses paraphrases, and may flag a text that merely discusses them;
 * prompt shields (an external check) is the stronger tool.
 */
public final class InjectionHeuristic implements Detector {

    /** One signal: a pattern, how much it counts, and words one of which a matching text contains (lower case). */
    private record Signal(Pattern pattern, double weight, List<String> triggers) {
        boolean possibleIn(String lowerText) {
            for (String t : triggers) {
                if (lowerText.contains(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final String FLAGS = "(?iu)";
    private static final List<Signal> SIGNALS = List.of(
            signal("\\b(?:ignore|disregard|forget|override|bypass)\\s+(?:all\\s+|any\\s+|the\\s+|your\\s+|my\\s+)*"
                    + "(?:previous|prior|above|earlier|preceding|original|system|initial)\\s+"
                    + "(?:instructions?|prompts?|rules|directions|guidelines|messages?|context)", 1.0,
                    "ignore", "disregard", "forget", "override", "bypass"),
            signal("\\b(?:reveal|show|print|repeat|output|leak|tell\\s+me)\\s+(?:me\\s+)?(?:your|the)\\s+"
                    + "(?:system\\s+prompt|hidden\\s+(?:instructions|prompt)|initial\\s+(?:instructions|prompt)"
                    + "|instructions\\s+above)", 1.0, "reveal", "show", "print", "repeat", "output", "leak", "tell"),
            signal("\\byou\\s+are\\s+(?:now\\s+)?(?:DAN|jailbroken|unfiltered|unrestricted|in\\s+developer\\s+mode)\\b",
                    1.0, "dan", "jailbroken",
                    "unfiltered", "unrestricted", "developer"),
            signal("\\bdo\\s+anything\\s+now\\b", 0.6, "anything"),
            signal("\\b(?:developer|god|jailbreak)\\s+mode\\b", 0.6, "mode"),
            signal("\\b(?:without|no|free\\s+(?:of|from))\\s+(?:any\\s+)?(?:restrictions|filters|limitations|"
                    + "censorship|guidelines|rules)\\b", 0.4,
                    "restrictions", "filters", "limitations", "censorship", "guidelines", "rules"),
            signal("\\bnew\\s+(?:system\\s+)?instructions\\s*:", 0.6, "instructions"),
            signal("(?:<\\|im_start\\|>\\s*system|\\[/?INST]|<<SYS>>|^\\s*#{2,}\\s*(?:system|instruction)s?\\b)", 1.0,
                    "im_start", "inst]", "<<sys>>", "#"),
            signal("\\b(?:pretend|imagine)\\s+(?:that\\s+)?you\\s+(?:are|have)\\s+no\\b", 0.5, "pretend", "imagine"),
            signal("\\bfrom\\s+now\\s+on\\b", 0.3, "from"),
            signal("\\bjailbreak\\b", 0.3, "jailbreak"),
            signal("\\bact\\s+as\\s+(?:an?\\s+)?(?:unrestricted|unfiltered|evil|uncensored)\\b", 0.6,
                    "unrestricted", "unfiltered",
                    "evil", "uncensored"));

    private final double threshold;

    /** @param threshold the summed weight that makes a finding; 1.0 by default (one strong signal) */
    public InjectionHeuristic(double threshold) {
        if (threshold <= 0) {
            throw new IllegalArgumentException("the threshold must be above 0");
        }
        this.threshold = threshold;
    }

    private static Signal signal(String regex, double weight, String... triggers) {
        return new Signal(Pattern.compile(FLAGS + regex, Pattern.MULTILINE), weight, List.of(triggers));
    }

    /** The summed weight of the signals in {@code text}, each counted once. */
    public double score(String text) {
        String lower = AsciiText.is(text) ? text.toLowerCase(java.util.Locale.ROOT) : null;
        double score = 0;
        for (Signal s : SIGNALS) {
            if ((lower == null || s.possibleIn(lower)) && s.pattern.matcher(text).find()) {
                score += s.weight;
            }
        }
        return score;
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> spans = new ArrayList<>();
        String lower = AsciiText.is(text) ? text.toLowerCase(java.util.Locale.ROOT) : null;
        double score = 0;
        for (Signal s : SIGNALS) {
            if (lower != null && !s.possibleIn(lower)) {
                continue;
            }
            Matcher m = s.pattern.matcher(text);
            if (m.find()) {
                score += s.weight;
                spans.add(new Finding("injection", m.start(), m.end()));
            }
        }
        return score >= threshold ? Findings.disjoint(spans) : List.of();
    }
}
