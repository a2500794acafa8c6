package io.sluice.records.batch;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batch's completion window, written as OpenAI does ({@code 24h}) or in minutes or seconds
 * ({@code 90m}, {@code 600s}): from 1 second to 7 days.
 */
public final class CompletionWindow {

    public static final Duration MAX = Duration.ofDays(7);
    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,6})([hms])");

    private CompletionWindow() {
    }

    /** The window, or null when {@code s} is not one (see {@link #rule()}). */
    public static Duration parse(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = FORM.matcher(s.trim());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
        return d.compareTo(MAX) > 0 ? null : d;
    }

    /** What a valid window looks like, for error messages. */
    public static String rule() {
        return "a duration such as 24h, 90m or 600s, at most 7 days";
    }
}
