package io.sluice.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RoutePlanTest {

    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final PromptRecord PROMPT = new PromptRecord("req_1", "s", "k", "gpt-4o", Operation.CHAT, false,
            false, 1, "t", Map.of(), BODY);

    @Test
    void aPlanSurvivesItsHeaderWithGroupsAndWeights() {
        RoutePlan plan = new RoutePlan("gpt-4o", RoutingStrategy.WEIGHTED, List.of(
                List.of(new PoolMember("azure-eu", 3, 1), new PoolMember("openai", 1, 1)),
                List.of(new PoolMember("azure-us", 1, 2))));
        RoutePlan back = RoutePlan.fromHeader(plan.toHeader());
        assertThat(back).isEqualTo(plan);
        assertThat(back.backends()).containsExactly("azure-eu", "openai", "azure-us");
        assertThat(plan.toHeader()).isEqualTo("gpt-4o|weighted|azure-eu:3,openai:1;azure-us:1|3");
    }

    @Test
    void aPlanRemembersHowManyMembersThePoolHasBeyondThosePlanned() {
        RoutePlan plan = new RoutePlan("gpt-4o", RoutingStrategy.ROUND_ROBIN, List.of(List.of(PoolMember.of("b"))), 2);
        assertThat(RoutePlan.fromHeader(plan.toHeader()).poolSize()).isEqualTo(2);
        assertThat(RoutePlan.fromHeader("gpt-4o|failover|a:1;b:1").poolSize()).isEqualTo(2);
    }

    @Test
    void aDispatchCarriesItsPlanAndTheFlatBackendList() {
        Headers h = new RecordHeaders();
        RoutePlan plan = new RoutePlan("gpt-4o", RoutingStrategy.LEAST_BUSY,
                List.of(List.of(PoolMember.of("a"), PoolMember.of("b"))));
        new DispatchRecord(PROMPT, plan).writeTo(h);
        assertThat(SluiceHeaders.get(h, SluiceHeaders.BACKENDS)).isEqualTo("a,b");
        assertThat(DispatchRecord.from(h, BODY).plan()).isEqualTo(plan);
    }

    @Test
    void aDispatchWithOnlyABackendListIsAnOrderedFailover() {
        Headers h = PROMPT.toHeaders();
        SluiceHeaders.put(h, SluiceHeaders.BACKENDS, "b, a");
        RoutePlan plan = DispatchRecord.from(h, BODY).plan();
        assertThat(plan.strategy()).isEqualTo(RoutingStrategy.FAILOVER);
        assertThat(plan.groups()).hasSize(2);
        assertThat(plan.backends()).containsExactly("b", "a");
    }

    @Test
    void aGarbledRouteIsMalformed() {
        assertThatThrownBy(() -> RoutePlan.fromHeader("gpt-4o|sideways|a:1"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("sideways");
        assertThatThrownBy(() -> RoutePlan.fromHeader("only-a-name"))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void backendHealthIsJsonAndSaysWhenItBlocks() {
        BackendHealth open = BackendHealth.open("azure-eu", 10_000, "5 consecutive failures", "egress-1", 3_000);
        BackendHealth back = BackendHealth.fromJson(open.toJsonBytes());
        assertThat(back).isEqualTo(open);
        assertThat(back.blocksAt(9_999)).isTrue();
        assertThat(back.blocksAt(10_000)).isFalse();
        BackendHealth closed = BackendHealth.closed("azure-eu", "probe succeeded", "egress-2", 11_000);
        assertThat(new String(closed.toJsonBytes(), StandardCharsets.UTF_8)).doesNotContain("open_until_ms");
        assertThat(BackendHealth.fromJson(closed.toJsonBytes()).blocksAt(0)).isFalse();
    }
}
