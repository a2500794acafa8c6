package io.sluice.egress.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {

    @Test
    void commitsNothingBeforeAnyRecord() {
        assertThat(new PartitionOffsets().committable()).isEqualTo(-1);
    }

    @Test
    void commitsOnlyUpToTheLowestOffsetStillInFlight() {
        PartitionOffsets p = new PartitionOffsets();
        p.started(10);
        p.started(11);
        p.started(12);
        assertThat(p.committable()).isEqualTo(10);
        p.finished(11);
        p.finished(12);
        assertThat(p.committable()).isEqualTo(10);
        p.finished(10);
        assertThat(p.committable()).isEqualTo(13);
        assertThat(p.inFlight()).isZero();
    }

    @Test
    void recentRequestsAcceptsAnIdOnceAndForgetsTheOldest() {
        RecentRequests r = new RecentRequests(2);
        assertThat(r.firstTime("a")).isTrue();
        assertThat(r.firstTime("a")).isFalse();
        assertThat(r.firstTime("b")).isTrue();
        assertThat(r.firstTime("c")).isTrue();
        assertThat(r.firstTime("a")).isTrue();
    }
}
