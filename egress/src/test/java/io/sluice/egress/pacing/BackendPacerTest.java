package io.sluice.egress.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.egress.ManualClock;
import org.junit.jupiter.api.Test;

class BackendPacerTest {

    private final ManualClock clock = new ManualClock(0);

    @Test
    void letsTheBurstGoAtOnceThenPacesAtTheDeclaredRate() {
        BackendPacer pacer = new BackendPacer(new Capacity(600, 0, 1), clock);
        for (int i = 0; i < 10; i++) {
            assertThat(pacer.tryReserve(100)).isNotNull();
        }
        assertThat(pacer.tryReserve(100)).isNull();
        assertThat(pacer.waitMs(100)).isEqualTo(100);
        clock.advance(99);
        assertThat(pacer.tryReserve(100)).isNull();
        clock.advance(1);
        assertThat(pacer.tryReserve(100)).isNotNull();
    }

    @Test
    void neverSendsMoreThanTheRateInAMinuteAfterTheBurst() {
        BackendPacer pacer = new BackendPacer(new Capacity(120, 0, 5), clock);
        int sent = 0;
        for (int ms = 0; ms < 60_000; ms += 10) {
            while (pacer.tryReserve(1) != null) {
                sent++;
            }
            clock.advance(10);
        }
        // burst (120 per minute x 5 s = 10) + 120 per minute over one minute
        assertThat(sent).isBetween(129, 130);
    }

    @Test
    void tokensAreReservedFromTheEstimateAndSettledWithTheRealCount() {
        BackendPacer pacer = new BackendPacer(new Capacity(0, 6_000, 10), clock);
        assertThat(pacer.snapshot().tokensAvailable()).isEqualTo(1_000);
        BackendPacer.Reservation r = pacer.tryReserve(400);
        assertThat(pacer.snapshot().tokensAvailable()).isEqualTo(600);
        pacer.settle(r, 900);
        assertThat(pacer.snapshot().tokensAvailable()).isEqualTo(100);
        assertThat(pacer.tryReserve(400)).isNull();
        assertThat(pacer.waitMs(400)).isEqualTo(3_000);
        pacer.settle(pacer.tryReserve(50), 0);
        assertThat(pacer.snapshot().tokensAvailable()).isEqualTo(100);
    }

    @Test
    void aCallBiggerThanTheBurstWaitsForAFullBucketThenGoes() {
        BackendPacer pacer = new BackendPacer(new Capacity(0, 600, 10), clock);
        assertThat(pacer.tryReserve(5_000)).isNotNull();
        assertThat(pacer.waitMs(1)).isGreaterThan(0);
    }

    @Test
    void anInstanceWithHalfTheWorkGetsHalfTheCapacity() {
        BackendPacer pacer = new BackendPacer(new Capacity(600, 0, 1), clock);
        pacer.share(0.5);
        int sent = 0;
        while (pacer.tryReserve(1) != null) {
            sent++;
        }
        assertThat(sent).isEqualTo(5);
        assertThat(pacer.waitMs(1)).isEqualTo(200);
    }

    @Test
    void noCapacityDeclaredMeansNoLimit() {
        BackendPacer pacer = new BackendPacer(Capacity.UNLIMITED, clock);
        for (int i = 0; i < 100_000; i++) {
            assertThat(pacer.tryReserve(10_000)).isNotNull();
        }
    }
}
