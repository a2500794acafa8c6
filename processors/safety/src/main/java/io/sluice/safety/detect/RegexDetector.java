package io.sluice.safety.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A regular-expression blocklist (Java syntax): a match of any pattern is a finding. */
public final class RegexDetector implements Detector {

    private final List<Pattern> patterns;

    /** @throws IllegalArgumentException naming the pattern that does not compile */
    public RegexDetector(List<String> expressions) {
        if (expressions.isEmpty()) {
            throw new IllegalArgumentException("a regex blocklist needs at least one pattern");
        }
        List<Pattern> compiled = new ArrayList<>();
        for (String e : expressions) {
            try {
                compiled.add(Pattern.compile(e));
            } catch (PatternSyntaxException ex) {
                throw new IllegalArgumentException("pattern '" + e + "' is not a valid regular expression: "
                        + ex.getDescription());
            }
        }
        this.patterns = List.copyOf(compiled);
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> all = new ArrayList<>();
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (m.end() > m.start()) {
                    all.add(new Finding("pattern", m.start(), m.end()));
                }
            }
        }
        return Findings.disjoint(all);
    }
}
