package io.sluice.records.governance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A calendar period of a quota or budget, with boundaries in UTC (weeks start on Monday). */
public enum Period {
    HOUR("hourly"),
    DAY("daily"),
    WEEK("weekly"),
    MONTH("monthly"),
    YEAR("yearly");

    private final String adjective;

    Period(String adjective) {
        this.adjective = adjective;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "daily", "monthly": for messages. */
    public String adjective() {
        return adjective;
    }

    @JsonCreator
    public static Period fromWire(String s) {
        if (s != null) {
            for (Period p : values()) {
                if (p.wire().equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("must be one of " + names() + " (got '" + s + "')");
    }

    public static String names() {
        return Arrays.stream(values()).map(Period::wire).collect(Collectors.joining(", "));
    }

    /** The start of the period that contains {@code t}. */
    public Instant start(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        ZonedDateTime s = switch (this) {
            case HOUR -> z.truncatedTo(ChronoUnit.HOURS);
            case DAY -> z.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> z.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> z.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case YEAR -> z.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
        };
        return s.toInstant();
    }

    /** The start of the period after the one that contains {@code t}: when a spent quota resets. */
    public Instant end(Instant t) {
        ZonedDateTime s = start(t).atZone(ZoneOffset.UTC);
        ZonedDateTime e = switch (this) {
            case HOUR -> s.plusHours(1);
            case DAY -> s.plusDays(1);
            case WEEK -> s.plusWeeks(1);
            case MONTH -> s.plusMonths(1);
            case YEAR -> s.plusYears(1);
        };
        return e.toInstant();
    }
}
