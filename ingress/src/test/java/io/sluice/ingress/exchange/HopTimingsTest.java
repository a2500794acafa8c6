package io.sluice.ingress.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.records.Hop;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class HopTimingsTest {

    @Test
    void measuresEveryHopFromTheReplysTimestamps() {
        Headers h = new RecordHeaders();
        Hop.INGRESS_RECEIVED.stamp(h, 1_000);
        Hop.PROCESSORS_IN.stamp(h, 1_700);
        Hop.PROCESSORS_OUT.stamp(h, 1_800);
        Hop.EGRESS_IN.stamp(h, 2_500);
        Hop.BACKEND_START.stamp(h, 2_600);
        Hop.BACKEND_END.stamp(h, 12_600);
        Hop.REPLY_SENT.stamp(h, 12_700);
        HopTimings t = HopTimings.from(h, 13_400);
        assertThat(t.millis()).containsEntry("requests", 0.7).containsEntry("processors", 0.1)
                .containsEntry("dispatch", 0.7).containsEntry("egress", 0.2).containsEntry("backend", 10.0)
                .containsEntry("reply", 0.7).containsEntry("total", 12.4);
        assertThat(t.serverTimingHeader()).isEqualTo("requests;dur=0.700, processors;dur=0.100, dispatch;dur=0.700, "
                + "egress;dur=0.200, backend;dur=10.000, reply;dur=0.700, total;dur=12.400");
    }

    @Test
    void leavesOutHopsARejectedRequestNeverReached() {
        Headers h = new RecordHeaders();
        Hop.INGRESS_RECEIVED.stamp(h, 1_000);
        Hop.PROCESSORS_IN.stamp(h, 1_500);
        Hop.REPLY_SENT.stamp(h, 1_600);
        HopTimings t = HopTimings.from(h, 2_000);
        assertThat(t.millis()).containsOnlyKeys("requests", "reply", "total");
    }
}
