package io.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void sendsExactlyRateTimesDuration() {
        assertThat(new OpenLoopSchedule(0, 50, SECOND).count()).isEqualTo(50);
        assertThat(new OpenLoopSchedule(0, 200, 10 * SECOND).count()).isEqualTo(2_000);
        assertThat(new OpenLoopSchedule(0, 1000, 30 * SECOND).count()).isEqualTo(30_000);
        assertThat(new OpenLoopSchedule(0, 0.1 * 3, 10 * SECOND).count()).isEqualTo(3);
        assertThat(new OpenLoopSchedule(0, 0.5, 3 * SECOND).count()).isEqualTo(1);
    }

    @Test
    void spacesIntendedTimesEvenlyFromTheStartAndInsideTheStep() {
        long start = 7_000;
        OpenLoopSchedule schedule = new OpenLoopSchedule(start, 50, SECOND);
        assertThat(schedule.intendedNanos(0)).isEqualTo(start);
        assertThat(schedule.intendedNanos(1)).isEqualTo(start + 20_000_000);
        assertThat(schedule.intendedNanos(49)).isEqualTo(start + 49 * 20_000_000L);
        assertThat(schedule.intendedNanos(49)).isLessThan(start + SECOND);
        assertThatThrownBy(() -> schedule.intendedNanos(50)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void intendedTimesDoNotDriftAtAwkwardRates() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(0, 3, 10 * SECOND);
        assertThat(schedule.count()).isEqualTo(30);
        assertThat(schedule.intendedNanos(29)).isEqualTo(Math.round(29 * SECOND / 3.0));
    }

    @Test
    void aLateWakeUpFiresTheBacklogWithEachRequestsOwnIntendedTime() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(0, 100, SECOND);
        ScheduleCursor cursor = new ScheduleCursor(schedule);
        List<Long> fired = new ArrayList<>();

        long next = cursor.fireDue(0, fired::add);
        assertThat(fired).containsExactly(0L);
        assertThat(next).isEqualTo(10_000_000L);

        long lateNow = 45_000_000L;
        next = cursor.fireDue(lateNow, fired::add);
        assertThat(fired).containsExactly(0L, 10_000_000L, 20_000_000L, 30_000_000L, 40_000_000L);
        assertThat(next).isEqualTo(50_000_000L);

        assertThat(cursor.fireDue(Long.MAX_VALUE, fired::add)).isEqualTo(-1);
        assertThat(fired).hasSize(100);
    }
}
