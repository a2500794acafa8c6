package io.sluice.records.governance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The buckets the ledger keeps totals in, per subscription: hours, days and months (UTC), labelled
 * {@code 2026-11-24T10}, {@code 2026-11-24} and {@code 2026-11}. Labels sort in time order, so a
 * range of buckets is a range of store keys {@code <subscription>/<granularity>/<label>}.
 */
public enum UsageGranularity {
    HOUR(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH")),
    DAY(DateTimeFormatter.ISO_LOCAL_DATE),
    MONTH(DateTimeFormatter.ofPattern("yyyy-MM"));

    private final DateTimeFormatter format;

    UsageGranularity(DateTimeFormatter format) {
        this.format = format;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UsageGranularity fromWire(String s) {
        for (UsageGranularity g : values()) {
            if (g.wire().equals(s)) {
                return g;
            }
        }
        throw new IllegalArgumentException("must be hour, day or month (got '" + s + "')");
    }

    /** The label of the bucket that contains {@code t}. */
    public String label(Instant t) {
        return format.format(t.atZone(ZoneOffset.UTC));
    }

    /**
     * The label of the bucket a query bound names: a date ({@code 2026-11-24}) or a month
     * ({@code 2026-11}); a month bound of a daily query is its first day ({@code last}: its last).
     */
    public String labelOf(String bound, boolean last) {
        try {
            if (bound.length() == 7) {
                YearMonth m = YearMonth.parse(bound);
                LocalDate d = last ? m.atEndOfMonth() : m.atDay(1);
                return this == MONTH ? bound : this == DAY ? d.toString()
                        : d + (last ? "T23" : "T00");
            }
            LocalDate d = LocalDate.parse(bound);
            return this == MONTH ? YearMonth.from(d).toString() : this == DAY ? d.toString()
                    : d + (last ? "T23" : "T00");
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a date (2026-11-24) or a month (2026-11), got '" + bound + "'");
        }
    }

    /** The ledger store key of one bucket. */
    public String storeKey(String subscriptionId, String label) {
        return subscriptionId + "/" + wire() + "/" + label;
    }
}
