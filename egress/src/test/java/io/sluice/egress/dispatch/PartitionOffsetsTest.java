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
    void readingWhileOtherThreadsFinishWorkNeverFails() throws Exception {
        // the poll thread reads committable() while calls finish on event loops: a set emptied
        // between two reads once stopped the dispatch consumer for good
        PartitionOffsets p = new PartitionOffsets();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.CompletableFuture<Void> reader = java.util.concurrent.CompletableFuture.runAsync(() -> {
            while (!done.get()) {
                assertThat(p.committable()).isGreaterThanOrEqualTo(-1);
                reads.incrementAndGet();
            }
        });
        for (long offset = 0; offset < 2_000_000 && !reader.isDone(); offset++) {
            p.started(offset);
            p.finished(offset);
        }
        done.set(true);
        reader.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(reads.get()).isPositive();
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
