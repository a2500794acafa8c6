package io.sluice.egress.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void pausesAreJitteredDoubleEachTimeAndAreCapped() {
        RetryPolicy p = new RetryPolicy(5, 10, 35);
        SplittableRandom random = new SplittableRandom(7);
        long max1 = 0;
        long max3 = 0;
        java.util.Set<Long> distinct = new java.util.HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            long first = p.pauseMs(1, random);
            long third = p.pauseMs(3, random);
            assertThat(first).isBetween(0L, 10L);
            assertThat(third).isBetween(0L, 35L);
            max1 = Math.max(max1, first);
            max3 = Math.max(max3, third);
            distinct.add(first);
        }
        assertThat(max1).isEqualTo(10);
        assertThat(max3).isEqualTo(35);
        assertThat(distinct).hasSizeGreaterThan(5);
    }

    @Test
    void noBackoffMeansFailingOverAtOnce() {
        assertThat(new RetryPolicy(3, 0, 0).pauseMs(2, new SplittableRandom())).isZero();
    }

    @Test
    void retryAfterIsReadInMillisecondsSecondsOrAsADate() {
        assertThat(RetryAfter.millis("7", null, 0)).isEqualTo(7_000);
        assertThat(RetryAfter.millis("7", "1500", 0)).isEqualTo(1_500);
        assertThat(RetryAfter.millis("Wed, 21 Oct 2015 07:28:10 GMT", null,
                java.time.Instant.parse("2015-10-21T07:28:00Z").toEpochMilli())).isEqualTo(10_000);
        assertThat(RetryAfter.millis("soon", null, 0)).isZero();
        assertThat(RetryAfter.millis(null, null, 0)).isZero();
    }
}
