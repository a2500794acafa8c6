package io.sluice.egress.call;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads how long a backend asked to be left alone: {@code retry-after-ms} (Azure OpenAI sends it)
 * or {@code Retry-After} in seconds or as an HTTP date.
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** Milliseconds, or 0 when the backend said nothing usable. */
    public static long millis(String retryAfter, String retryAfterMs, long nowMs) {
        if (retryAfterMs != null) {
            try {
                return Math.max(0, (long) Double.parseDouble(retryAfterMs.trim()));
            } catch (NumberFormatException e) {
                // fall back to Retry-After
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return 0;
        }
        String v = retryAfter.trim();
        try {
            return Math.max(0, Math.round(Double.parseDouble(v) * 1_000));
        } catch (NumberFormatException e) {
            try {
                long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Math.max(0, at - nowMs);
            } catch (DateTimeParseException notADate) {
                return 0;
            }
        }
    }
}
