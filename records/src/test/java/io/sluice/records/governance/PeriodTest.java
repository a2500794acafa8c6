package io.sluice.records.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeriodTest {

    private static final Instant T = Instant.parse("2026-11-26T17:42:10Z"); // a Thursday

    @Test
    void periodsStartOnUtcCalendarBoundaries() {
        assertThat(Period.HOUR.start(T)).isEqualTo("2026-11-26T17:00:00Z");
        assertThat(Period.DAY.start(T)).isEqualTo("2026-11-26T00:00:00Z");
        assertThat(Period.WEEK.start(T)).as("weeks start on Monday").isEqualTo("2026-11-23T00:00:00Z");
        assertThat(Period.MONTH.start(T)).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(Period.YEAR.start(T)).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void aPeriodEndsWhereTheNextOneStarts() {
        assertThat(Period.HOUR.end(T)).isEqualTo("2026-11-26T18:00:00Z");
        assertThat(Period.DAY.end(T)).isEqualTo("2026-11-27T00:00:00Z");
        assertThat(Period.WEEK.end(T)).isEqualTo("2026-11-30T00:00:00Z");
        assertThat(Period.MONTH.end(Instant.parse("2028-02-10T00:00:00Z"))).isEqualTo("2028-03-01T00:00:00Z");
        assertThat(Period.YEAR.end(T)).isEqualTo("2027-01-01T00:00:00Z");
    }

    @Test
    void theLastInstantOfAPeriodBelongsToItAndTheBoundaryToTheNext() {
        Instant lastMs = Instant.parse("2026-11-29T23:59:59.999Z"); // Sunday
        assertThat(Period.WEEK.start(lastMs)).isEqualTo("2026-11-23T00:00:00Z");
        assertThat(Period.WEEK.start(Instant.parse("2026-11-30T00:00:00Z"))).isEqualTo("2026-11-30T00:00:00Z");
    }

    @Test
    void parsesTheWireNamesAndNamesThemWhenWrong() {
        assertThat(Period.fromWire("Month")).isEqualTo(Period.MONTH);
        assertThatThrownBy(() -> Period.fromWire("fortnight")).hasMessageContaining("hour, day, week, month, year");
    }
}
