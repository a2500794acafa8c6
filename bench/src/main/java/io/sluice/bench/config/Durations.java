package io.sluice.bench.config;

import java.util.Locale;

/** Parses durations written as {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or plain seconds. */
public final class Durations {
    private Durations() {
    }

    /** Milliseconds of a duration; the flag name is only used in the error message. */
    public static long parseMillis(String flag, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit;
        String number;
        if (t.endsWith("ms")) {
            unit = 1;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unit = 1_000;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60_000;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unit = 3_600_000;
            number = t.substring(0, t.length() - 1);
        } else {
            unit = 1_000;
            number = t;
        }
        try {
            double value = Double.parseDouble(number);
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return Math.round(value * unit);
        } catch (NumberFormatException e) {
            throw new FlagException(flag + ": expected a duration such as 500ms, 30s or 2m, got '" + text + "'");
        }
    }

    /** Renders milliseconds the way a user would type them: {@code 30s}, {@code 1500ms}. */
    public static String format(long millis) {
        if (millis % 60_000 == 0 && millis >= 60_000) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
