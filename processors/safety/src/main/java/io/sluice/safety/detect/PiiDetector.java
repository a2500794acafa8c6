package io.sluice.safety.detect;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data and secrets: e-mail addresses, phone numbers, payment card numbers (Luhn-valid),
 * IBANs (checksum-valid), US social security numbers, IPv4 and IPv6 addresses, and strings that look
 * like API keys or credentials. Candidates are found by pattern and confirmed by checksum or
 * structure where one exists, so look-alike strings (order numbers, versions, times) pass.
 */
public final class PiiDetector implements Detector {

    private static final String NOT_WORD_BEFORE = "(?<![\\p{L}\\p{N}_])";
    private static final String NOT_WORD_AFTER = "(?![\\p{L}\\p{N}_])";

    private static final Pattern EMAIL = Pattern.compile(NOT_WORD_BEFORE
            + "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}" + NOT_WORD_AFTER);
    // 13-19 digits, optionally in groups split by single spaces or dashes
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
    private static final Pattern IBAN_CANDIDATE = Pattern.compile(NOT_WORD_BEFORE
            + "[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]){11,30}" + NOT_WORD_AFTER);
    private static final Pattern SSN = Pattern.compile(
            "(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}([- ])(?!00)\\d{2}\\1(?!0000)\\d{4}(?![\\d-])");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d]|\\.\\d)");
    private static final Pattern IPV6_CANDIDATE = Pattern.compile(
            "(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\\w:])");
    // international (+country code) or North American (NXX-NXX-XXXX) numbers
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])(?:\\+\\d{1,3}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?"
            + "\\d{1,4}(?:[ .-]?\\d{2,4}){1,4}|\\(?\\b[2-9]\\d{2}\\)?[ .-]?[2-9]\\d{2}[ .-]\\d{4})(?![\\w])");
    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile(NOT_WORD_BEFORE + "sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"),
            Pattern.compile(NOT_WORD_BEFORE + "(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}"),
            Pattern.compile(NOT_WORD_BEFORE + "(?:AKIA|ASIA)[0-9A-Z]{16}" + NOT_WORD_AFTER),
            Pattern.compile(NOT_WORD_BEFORE + "gh[pousr]_[A-Za-z0-9]{36,}"),
            Pattern.compile(NOT_WORD_BEFORE + "github_pat_[A-Za-z0-9_]{40,}"),
            Pattern.compile(NOT_WORD_BEFORE + "xox[abposr]-[A-Za-z0-9-]{10,}"),
            Pattern.compile(NOT_WORD_BEFORE + "AIza[0-9A-Za-z_-]{35}"),
            Pattern.compile(NOT_WORD_BEFORE + "sk-ant-[A-Za-z0-9_-]{20,}"),
            Pattern.compile(NOT_WORD_BEFORE + "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|\\z)"));
    // key = value assignments of credential-named fields: only the value is the secret
    private static final Pattern ASSIGNED_SECRET = Pattern.compile("(?i)(?:api[_-]?key|secret(?:[_-]?key)?|"
            + "access[_-]?token|auth[_-]?token|password|passwd)[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9_\\-/+=.]{12,})");

    private final Set<PiiKind> kinds;

    public PiiDetector(Set<PiiKind> kinds) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a PII check needs at least one kind");
        }
        this.kinds = EnumSet.copyOf(kinds);
    }

    public static PiiDetector all() {
        return new PiiDetector(EnumSet.allOf(PiiKind.class));
    }

    public Set<PiiKind> kinds() {
        return EnumSet.copyOf(kinds);
    }

    /** Literal starts of the secret patterns, in order: a pattern runs only when its start occurs. */
    private static final List<String> SECRET_STARTS = List.of("sk-", "_live_|_test_", "AKIA|ASIA", "gh", "github_pat_",
            "xox", "AIza", "sk-ant-", "eyJ", "-----BEGIN");
    private static final List<String> ASSIGNMENT_WORDS = List.of("key", "secret", "token", "passw");

    @Override
    public List<Finding> find(String text) {
        List<Finding> all = new ArrayList<>();
        // most specific first: a card number or IBAN must not be reported as a phone number
        if (kinds.contains(PiiKind.SECRET)) {
            secrets(text, all);
        }
        if (kinds.contains(PiiKind.EMAIL)) {
            emails(text, all);
        }
        if (kinds.contains(PiiKind.IBAN)) {
            ibans(text, all);
        }
        // the rest are made of digits: look only around the digit runs of an ordinary text
        boolean numbers = kinds.contains(PiiKind.CARD) || kinds.contains(PiiKind.US_SSN)
                || kinds.contains(PiiKind.IP_ADDRESS) || kinds.contains(PiiKind.PHONE);
        List<int[]> spans = numbers ? NumberSpans.of(text) : List.of();
        if (kinds.contains(PiiKind.CARD)) {
            cards(text, spans, all);
        }
        if (kinds.contains(PiiKind.US_SSN)) {
            inSpans(SSN, text, spans, "us_ssn", all);
        }
        if (kinds.contains(PiiKind.IP_ADDRESS)) {
            inSpans(IPV4, text, spans, "ip", all);
            ipv6(text, all);
        }
        if (kinds.contains(PiiKind.PHONE)) {
            phones(text, spans, all);
        }
        return Findings.disjoint(all);
    }

    private static void simple(Pattern p, String text, String kind, List<Finding> out) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            addIfFree(out, new Finding(kind, m.start(), m.end()));
        }
    }

    private static void inSpans(Pattern p, String text, List<int[]> spans, String kind, List<Finding> out) {
        Matcher m = p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int[] span : spans) {
            m.region(span[0], span[1]);
            while (m.find()) {
                addIfFree(out, new Finding(kind, m.start(), m.end()));
            }
        }
    }

    private static void addIfFree(List<Finding> out, Finding f) {
        for (Finding o : out) {
            if (o.overlaps(f)) {
                return;
            }
        }
        out.add(f);
    }

    private static void secrets(String text, List<Finding> out) {
        for (int i = 0; i < SECRETS.size(); i++) {
            boolean present = false;
            for (String start : SECRET_STARTS.get(i).split("\\|")) {
                present |= text.contains(start);
            }
            if (present) {
                simple(SECRETS.get(i), text, "secret", out);
            }
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (ASSIGNMENT_WORDS.stream().noneMatch(lower::contains)) {
            return;
        }
        Matcher m = ASSIGNED_SECRET.matcher(text);
        while (m.find()) {
            String value = m.group(1);
            // a value of letters only is a word ("password = changeme" style placeholders aside)
            if (value.chars().anyMatch(Character::isDigit)) {
                addIfFree(out, new Finding("secret", m.start(1), m.end(1)));
            }
        }
    }

    /** From each '@', back over the characters a local part may have, then the whole pattern from there. */
    private static void emails(String text, List<Finding> out) {
        Matcher m = EMAIL.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int at = text.indexOf('@');
        while (at > 0) {
            int start = at;
            while (start > 0 && at - start < 64 && localPart(text.charAt(start - 1))) {
                start--;
            }
            m.region(start, text.length());
            if (start < at && m.lookingAt()) {
                addIfFree(out, new Finding("email", m.start(), m.end()));
                at = text.indexOf('@', m.end());
            } else {
                at = text.indexOf('@', at + 1);
            }
        }
    }

    private static boolean localPart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "._%+-".indexOf(c) >= 0;
    }

    private static void cards(String text, List<int[]> spans, List<Finding> out) {
        Matcher m = CARD.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int[] span : spans) {
            m.region(span[0], span[1]);
            while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && Checksums.luhn(digits)
                    && !digits.chars().allMatch(c -> c == digits.charAt(0))) {
                addIfFree(out, new Finding("card", m.start(), m.end()));
            }
            }
        }
    }

    private static void ibans(String text, List<Finding> out) {
        Matcher m = IBAN_CANDIDATE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int i = 0; i + 3 < text.length(); i++) {
            if (!(asciiLetter(text.charAt(i)) && asciiLetter(text.charAt(i + 1)) && digit(text.charAt(i + 2))
                    && digit(text.charAt(i + 3)))) {
                continue;
            }
            m.region(i, text.length());
            if (!m.lookingAt()) {
                continue;
            }
            // the candidate may run into a following word; try the longest valid prefix ending on a group
            String raw = m.group();
            for (int end = raw.length(); end >= 15; end--) {
                String compact = raw.substring(0, end).replace(" ", "");
                if (compact.length() >= 15 && Checksums.iban(compact)
                        && (end == raw.length() || raw.charAt(end) == ' ')) {
                    addIfFree(out, new Finding("iban", m.start(), m.start() + end));
                    i = m.start() + end - 1;
                    break;
                }
            }
        }
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** From each colon, back over at most four hex digits, then the candidate pattern from there. */
    private static void ipv6(String text, List<Finding> out) {
        Matcher m = IPV6_CANDIDATE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int colon = text.indexOf(':');
        while (colon >= 0) {
            int start = colon;
            while (start > 0 && colon - start < 4 && Character.digit(text.charAt(start - 1), 16) >= 0) {
                start--;
            }
            m.region(start, text.length());
            if (m.lookingAt() && validIpv6(m.group())) {
                addIfFree(out, new Finding("ip", m.start(), m.end()));
                colon = text.indexOf(':', m.end());
            } else {
                colon = text.indexOf(':', colon + 1);
            }
        }
    }

    static boolean validIpv6(String s) {
        int compressed = s.indexOf("::");
        if (compressed >= 0 && s.indexOf("::", compressed + 1) >= 0) {
            return false;
        }
        String[] groups = s.split(":", -1);
        int filled = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                // empty groups only as part of '::' (which may sit at either end)
                boolean partOfCompression = compressed >= 0;
                if (!partOfCompression) {
                    return false;
                }
                continue;
            }
            if (g.length() > 4) {
                return false;
            }
            filled++;
        }
        return compressed >= 0 ? filled <= 7 && filled >= 1 : filled == 8;
    }

    private static void phones(String text, List<int[]> spans, List<Finding> out) {
        Matcher m = PHONE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int[] span : spans) {
            m.region(span[0], span[1]);
            while (m.find()) {
                long digits = m.group().chars().filter(Character::isDigit).count();
                if (digits >= 7 && digits <= 15) {
                    addIfFree(out, new Finding("phone", m.start(), m.end()));
                }
            }
        }
    }
}
