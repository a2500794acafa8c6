package io.sluice.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    private static Histogram oneToThousandMs() {
        Histogram h = LatencyHistograms.create();
        for (int ms = 1; ms <= 1000; ms++) {
            LatencyHistograms.recordMicros(h, ms * 1_000L);
        }
        return h;
    }

    @Test
    void readsPercentilesInMilliseconds() {
        Percentiles p = Percentiles.of(oneToThousandMs());
        assertThat(p.count()).isEqualTo(1000);
        assertThat(p.p50()).isCloseTo(500, within(0.5));
        assertThat(p.p90()).isCloseTo(900, within(0.5));
        assertThat(p.p99()).isCloseTo(990, within(0.5));
        assertThat(p.p999()).isCloseTo(999, within(0.5));
        assertThat(p.max()).isCloseTo(1000, within(0.5));
        assertThat(p.mean()).isCloseTo(500.5, within(0.5));
    }

    @Test
    void anEmptyHistogramHasNoPercentiles() {
        assertThat(Percentiles.of(LatencyHistograms.create())).isNull();
    }

    @Test
    void addedLatencyIsTheGatewayPercentileMinusTheBaselineAtTheSamePercentile() {
        Percentiles gateway = new Percentiles(100, 12.5, 20.0, 45.0, 80.0, 90.0, 14.0);
        Percentiles direct = new Percentiles(100, 2.0, 3.5, 5.0, 9.0, 10.0, 2.5);
        assertThat(gateway.minus(direct)).isEqualTo(new LatencyDelta(10.5, 16.5, 40.0, 71.0));
        assertThat(direct.minus(gateway).p99()).isEqualTo(-40.0);
    }

    @Test
    void valuesBeyondTheRangeAreClampedNotLost() {
        Histogram h = LatencyHistograms.create();
        LatencyHistograms.recordNanos(h, Long.MAX_VALUE);
        LatencyHistograms.recordNanos(h, -5);
        assertThat(h.getTotalCount()).isEqualTo(2);
    }
}
