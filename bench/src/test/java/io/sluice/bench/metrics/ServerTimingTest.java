package io.sluice.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerTimingTest {

    @Test
    void readsSluiceHopsInOrder() {
        Map<String, Double> hops = ServerTiming.parse("requests;dur=0.700, processors;dur=0.100, dispatch;dur=0.700, "
                + "egress;dur=0.200, backend;dur=10.000, reply;dur=0.700, total;dur=12.400");
        assertThat(hops).containsExactly(Map.entry("requests", 0.7), Map.entry("processors", 0.1),
                Map.entry("dispatch", 0.7), Map.entry("egress", 0.2), Map.entry("backend", 10.0),
                Map.entry("reply", 0.7), Map.entry("total", 12.4));
    }

    @Test
    void acceptsDescriptionsQuotesAndOddSpacing() {
        assertThat(ServerTiming.parse("cache;desc=\"Cache, read\";dur=23.2,db ; dur = 53 ,app;dur=\"47.2\""))
                .containsExactly(Map.entry("cache", 23.2), Map.entry("db", 53.0), Map.entry("app", 47.2));
    }

    @Test
    void skipsMetricsWithoutAUsableDuration() {
        assertThat(ServerTiming.parse("miss, edge;desc=x, bad;dur=abc, neg;dur=-1, ok;dur=1")).containsOnlyKeys("ok");
        assertThat(ServerTiming.parse(null)).isEmpty();
        assertThat(ServerTiming.parse("  ")).isEmpty();
    }

    @Test
    void hopSummariesFollowTheRequestPathWhateverTheHeaderOrder() {
        HopHistograms hops = new HopHistograms();
        hops.record("total;dur=5, reply;dur=1, custom;dur=2, requests;dur=1, backend;dur=2");
        hops.record("total;dur=7, requests;dur=3");
        assertThat(hops.summaries().keySet()).containsExactly("requests", "backend", "reply", "total", "custom");
        assertThat(hops.summaries().get("requests").count()).isEqualTo(2);
        assertThat(hops.summaries().get("total").p99()).isBetween(6.99, 7.01);
    }
}
