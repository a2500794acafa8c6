package io.sluice.egress.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartPaceTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void startsAtMostTheRateWithABurstOfATwentiethOfASecond() {
        StartPace pace = new StartPace(100, 0);
        assertThat(pace.available(0)).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            pace.take();
        }
        assertThat(pace.available(0)).isZero();
        assertThat(pace.available(9 * MS)).isZero();
        assertThat(pace.available(10 * MS)).isEqualTo(1);
        pace.take();
        // a long pause refills no more than the burst
        assertThat(pace.available(10_000 * MS)).isEqualTo(5);
    }

    @Test
    void aSlowRateStillLetsOneLineStart() {
        StartPace pace = new StartPace(1, 0);
        assertThat(pace.available(0)).isEqualTo(1);
        pace.take();
        assertThat(pace.available(999 * MS)).isZero();
        assertThat(pace.available(1_000 * MS)).isEqualTo(1);
    }
}
