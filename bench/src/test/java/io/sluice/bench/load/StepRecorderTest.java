package io.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.bench.metrics.Percentiles;
import org.junit.jupiter.api.Test;

class StepRecorderTest {
    private static final long MS = 1_000_000L;

    @Test
    void latencyRunsFromTheIntendedSendTimeNotTheActualOne() {
        StepRecorder recorder = new StepRecorder();
        long intended = 100 * MS;
        // Sent 40 ms late (the client was behind) and answered 2 ms after sending: 42 ms from the schedule.
        long end = intended + 42 * MS;
        recorder.record(RequestOutcome.success(intended, end, RequestOutcome.NO_TOKEN, null));
        Percentiles p = Percentiles.of(recorder.latency());
        assertThat(p.count()).isEqualTo(1);
        assertThat(p.p50()).isBetween(41.9, 42.1);
    }

    @Test
    void timeToFirstTokenAlsoRunsFromTheIntendedTime() {
        StepRecorder recorder = new StepRecorder();
        recorder.record(RequestOutcome.success(0, 30 * MS, 5 * MS, null));
        assertThat(Percentiles.of(recorder.timeToFirstToken()).p50()).isBetween(4.99, 5.01);
    }

    @Test
    void countsErrorsByKindAndKeepsThemOutOfTheLatencies() {
        StepRecorder recorder = new StepRecorder();
        recorder.record(RequestOutcome.success(0, MS, RequestOutcome.NO_TOKEN, null));
        recorder.record(RequestOutcome.failure(0, 900 * MS, 503, ErrorKinds.ofStatus(503), null));
        recorder.record(RequestOutcome.failure(0, 2 * MS, 0, ErrorKinds.CONNECT, null));
        recorder.recordNotSent(StepRecorder.OUTSTANDING_LIMIT);
        recorder.recordAbandoned(2);
        assertThat(recorder.attempted()).isEqualTo(6);
        assertThat(recorder.ok()).isEqualTo(1);
        assertThat(recorder.errorCount()).isEqualTo(5);
        assertThat(recorder.errors()).containsEntry("http-503", 1L).containsEntry("connect", 1L)
                .containsEntry("outstanding-limit", 1L).containsEntry("abandoned", 2L);
        assertThat(recorder.latency().getTotalCount()).isEqualTo(1);
    }

    @Test
    void mergesWorkersAndRecordsHopsFromServerTiming() {
        StepRecorder a = new StepRecorder();
        StepRecorder b = new StepRecorder();
        a.record(RequestOutcome.success(0, MS, RequestOutcome.NO_TOKEN, "backend;dur=1.5, total;dur=3"));
        b.record(RequestOutcome.failure(0, 7 * MS, 429, ErrorKinds.ofStatus(429), "total;dur=0.2"));
        a.addAll(b);
        assertThat(a.attempted()).isEqualTo(2);
        assertThat(a.ok()).isEqualTo(1);
        assertThat(a.errors()).containsEntry("http-429", 1L);
        assertThat(a.lastEndNanos()).isEqualTo(7 * MS);
        assertThat(a.hops().summaries()).containsOnlyKeys("backend", "total");
        assertThat(a.hops().summaries().get("total").count()).isEqualTo(2);
    }

    @Test
    void achievedRateCountsSuccessesOverTheLongerOfScheduleAndLastAnswer() {
        StepRecorder recorder = new StepRecorder();
        for (int i = 0; i < 100; i++) {
            recorder.record(RequestOutcome.success(i * 10 * MS, i * 10 * MS + MS, RequestOutcome.NO_TOKEN, null));
        }
        LoadStep step = new LoadStep(new LoadShape.OpenLoop(100), 1_000);
        StepMeasurement onTime = new StepMeasurement(step, recorder, 0, 1_000 * MS);
        assertThat(onTime.achievedPerSecond()).isEqualTo(100.0);
        assertThat(onTime.offeredPerSecond()).isEqualTo(100.0);

        recorder.record(RequestOutcome.success(0, 2_000 * MS, RequestOutcome.NO_TOKEN, null));
        assertThat(onTime.achievedPerSecond()).isEqualTo(101 / 2.0);
    }

    @Test
    void closedLoopClientsAreSplitEvenlyOverWorkers() {
        assertThat(ClosedLoopWorker.share(16, 2, 0) + ClosedLoopWorker.share(16, 2, 1)).isEqualTo(16);
        assertThat(ClosedLoopWorker.share(5, 2, 0)).isEqualTo(3);
        assertThat(ClosedLoopWorker.share(5, 2, 1)).isEqualTo(2);
        assertThat(ClosedLoopWorker.share(1, 2, 1)).isZero();
    }
}
