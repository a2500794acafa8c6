package io.sluice.egress.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.egress.ManualClock;
import io.sluice.egress.backend.BackendEndpoint;
import io.sluice.egress.backend.BackendPolicy;
import io.sluice.egress.breaker.BreakerSettings;
import io.sluice.egress.pacing.Capacity;
import io.sluice.records.BackendHealth;
import io.sluice.records.PoolMember;
import io.sluice.records.RoutePlan;
import io.sluice.records.RoutingStrategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveBackendsTest {

    private final ManualClock clock = new ManualClock(1_000_000);
    private final List<BackendHealth> published = new ArrayList<>();

    private LiveBackends backends(Map<String, BackendPolicy> policies, String... ids) {
        Map<String, BackendEndpoint> endpoints = new LinkedHashMap<>();
        for (String id : ids) {
            endpoints.put(id, BackendEndpoint.openAi(id, "http://127.0.0.1:1/v1", null));
        }
        return new LiveBackends(endpoints, policies, clock, "egress-1", published::add);
    }

    private static RoutePlan plan(RoutingStrategy strategy, List<List<PoolMember>> groups) {
        return new RoutePlan("gpt-4o", strategy, groups);
    }

    /** Picks and finishes one call; returns the backend chosen. */
    private static String pickAndFinish(LiveBackends live, RoutePlan plan) {
        Selection.Chosen c = (Selection.Chosen) live.select(plan, Set.of(), 10);
        c.backend().breaker().onSuccess(c.permit());
        return c.backend().id();
    }

    private static Map<String, Integer> split(LiveBackends live, RoutePlan plan, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(pickAndFinish(live, plan), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void weightedSplitsTenThousandRequestsWithinFivePercentOfTheWeights() {
        LiveBackends live = backends(Map.of(), "a", "b", "c");
        RoutePlan plan = plan(RoutingStrategy.WEIGHTED, List.of(List.of(new PoolMember("a", 5, 1),
                new PoolMember("b", 3, 1), new PoolMember("c", 2, 1))));
        Map<String, Integer> counts = split(live, plan, 10_000);
        assertThat(counts.get("a")).isBetween(4_750, 5_250);
        assertThat(counts.get("b")).isBetween(2_850, 3_150);
        assertThat(counts.get("c")).isBetween(1_900, 2_100);
        // smooth weighted round-robin meets the weights exactly, not just on average
        assertThat(counts).containsEntry("a", 5_000).containsEntry("b", 3_000).containsEntry("c", 2_000);
    }

    @Test
    void weightedInterleavesRatherThanSendingRuns() {
        LiveBackends live = backends(Map.of(), "a", "b");
        RoutePlan plan = plan(RoutingStrategy.WEIGHTED, List.of(List.of(new PoolMember("a", 2, 1),
                new PoolMember("b", 1, 1))));
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add(pickAndFinish(live, plan));
        }
        assertThat(order).containsExactly("a", "b", "a", "a", "b", "a");
    }

    @Test
    void roundRobinTakesExactTurns() {
        LiveBackends live = backends(Map.of(), "a", "b", "c");
        RoutePlan plan = plan(RoutingStrategy.ROUND_ROBIN, List.of(List.of(PoolMember.of("a"), PoolMember.of("b"),
                PoolMember.of("c"))));
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            order.add(pickAndFinish(live, plan));
        }
        assertThat(order).containsExactly("a", "b", "c", "a", "b", "c", "a", "b", "c");
    }

    @Test
    void priorityGroupsAreUsedInOrderAndALowerOneOnlyWhenTheHigherOnesAreUnavailable() {
        LiveBackends live = backends(Map.of(), "a", "b", "c");
        RoutePlan plan = plan(RoutingStrategy.PRIORITY, List.of(
                List.of(new PoolMember("a", 1, 1), new PoolMember("b", 1, 1)),
                List.of(new PoolMember("c", 1, 2))));
        assertThat(split(live, plan, 100)).containsOnlyKeys("a", "b");

        live.apply(BackendHealth.open("a", clock.millis() + 10_000, "test", "egress-2", clock.millis()));
        assertThat(split(live, plan, 10)).containsOnlyKeys("b");
        live.apply(BackendHealth.open("b", clock.millis() + 10_000, "test", "egress-2", clock.millis()));
        assertThat(split(live, plan, 10)).containsOnlyKeys("c");
    }

    @Test
    void failoverInsideARequestSkipsWhatItTriedAndFollowsTheGroups() {
        LiveBackends live = backends(Map.of(), "a", "b", "c");
        RoutePlan plan = RoutePlan.failover("gpt-4o", List.of("a", "b", "c"));
        assertThat(((Selection.Chosen) live.select(plan, Set.of("a"), 1)).backend().id()).isEqualTo("b");
        assertThat(((Selection.Chosen) live.select(plan, Set.of("a", "b"), 1)).backend().id()).isEqualTo("c");
        assertThat(live.select(plan, Set.of("a", "b", "c"), 1)).isInstanceOf(Selection.NoneLeft.class);
    }

    @Test
    void leastBusyPicksTheMemberWithTheFewestCallsInFlight() {
        LiveBackends live = backends(Map.of(), "fast", "slow");
        RoutePlan plan = plan(RoutingStrategy.LEAST_BUSY, List.of(List.of(PoolMember.of("slow"),
                PoolMember.of("fast"))));
        live.get("slow").load().started();
        live.get("slow").load().started();
        live.get("fast").load().started();
        assertThat(split(live, plan, 20)).containsOnlyKeys("fast");
        live.get("fast").load().started();
        live.get("fast").load().started();
        assertThat(split(live, plan, 20)).containsOnlyKeys("slow");
    }

    @Test
    void leastBusyTakesTurnsWhenTied() {
        LiveBackends live = backends(Map.of(), "a", "b");
        RoutePlan plan = plan(RoutingStrategy.LEAST_BUSY, List.of(List.of(PoolMember.of("a"), PoolMember.of("b"))));
        assertThat(split(live, plan, 10)).containsEntry("a", 5).containsEntry("b", 5);
    }

    @Test
    void lowestLatencyPicksTheFasterMemberOnceItHasSamples() {
        LiveBackends live = backends(Map.of(), "fast", "slow");
        RoutePlan plan = plan(RoutingStrategy.LOWEST_LATENCY, List.of(List.of(PoolMember.of("slow"),
                PoolMember.of("fast"))));
        live.get("slow").load().latency(400);
        live.get("fast").load().latency(50);
        assertThat(split(live, plan, 20)).containsOnlyKeys("fast");
        for (int i = 0; i < 10; i++) {
            live.get("fast").load().latency(900);
        }
        assertThat(split(live, plan, 20)).containsOnlyKeys("slow");
    }

    @Test
    void lowestLatencyGivesAMemberWithoutSamplesItsTurnWithTheFastestInsteadOfEveryRequest() {
        LiveBackends live = backends(Map.of(), "known", "new");
        RoutePlan plan = plan(RoutingStrategy.LOWEST_LATENCY, List.of(List.of(PoolMember.of("known"),
                PoolMember.of("new"))));
        live.get("known").load().latency(80);
        assertThat(split(live, plan, 10)).containsEntry("known", 5).containsEntry("new", 5);
    }

    @Test
    void aMemberAtCapacityIsSkippedAndWhenAllAreTheRequestWaits() {
        BackendPolicy paced = new BackendPolicy(BreakerSettings.defaults(), new Capacity(60, 0, 1), null, 0);
        LiveBackends live = backends(Map.of("a", paced, "b", paced), "a", "b");
        RoutePlan plan = plan(RoutingStrategy.PRIORITY, List.of(List.of(new PoolMember("a", 1, 1)),
                List.of(new PoolMember("b", 1, 2))));
        assertThat(pickAndFinish(live, plan)).isEqualTo("a");
        assertThat(pickAndFinish(live, plan)).isEqualTo("b");
        Selection s = live.select(plan, Set.of(), 1);
        assertThat(s).isInstanceOf(Selection.Wait.class);
        assertThat(((Selection.Wait) s).ms()).isEqualTo(1_000);
        clock.advance(1_000);
        assertThat(pickAndFinish(live, plan)).isEqualTo("a");
    }

    @Test
    void whenEveryMemberIsOpenItSaysWhenTheFirstOneReopens() {
        LiveBackends live = backends(Map.of(), "a", "b");
        RoutePlan plan = plan(RoutingStrategy.ROUND_ROBIN, List.of(List.of(PoolMember.of("a"), PoolMember.of("b"))));
        live.apply(BackendHealth.open("a", clock.millis() + 9_000, "test", "egress-2", clock.millis()));
        live.apply(BackendHealth.open("b", clock.millis() + 4_000, "test", "egress-2", clock.millis()));
        Selection s = live.select(plan, Set.of(), 1);
        assertThat(s).isInstanceOf(Selection.NoneLeft.class);
        assertThat(((Selection.NoneLeft) s).retryAfterMs()).isEqualTo(4_000);
        assertThat(((Selection.NoneLeft) s).detail()).contains("a open for 9 s").contains("b open for 4 s");
    }

    @Test
    void aHalfOpenMemberGetsOneProbeWhileTheOthersCarryTheRest() {
        LiveBackends live = backends(Map.of(), "a", "b");
        RoutePlan plan = plan(RoutingStrategy.ROUND_ROBIN, List.of(List.of(PoolMember.of("a"), PoolMember.of("b"))));
        live.apply(BackendHealth.open("a", clock.millis(), "test", "egress-2", clock.millis()));
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Selection.Chosen c = (Selection.Chosen) live.select(plan, Set.of(), 1);
            picked.add(c.backend().id());
        }
        assertThat(picked.stream().filter("a"::equals).count()).isEqualTo(1);
    }
}
