package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ControlApiTest {

    private static final String CHAT = SimHttp.chat("gpt-4o-mini", "Hi");

    @RegisterExtension
    static final SimulatorExtension sim = new SimulatorExtension();

    @Test
    void addsListsAndClearsFaultsOverHttp() {
        HttpResponse<String> added = sim.http().post("/_sim/faults",
                "{\"kind\":\"status\",\"status\":429,\"count\":2,\"retry_after_seconds\":7,\"model\":\"gpt-4o-mini\"}");

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(sim.simulator().faults().rules()).containsExactly(
                FaultRule.tooManyRequests(7).forModel("gpt-4o-mini").times(2));
        JsonNode listed = SimHttp.json(sim.http().get("/_sim/faults")).get("faults");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("kind").asText()).isEqualTo("status");
        assertThat(listed.get(0).get("count").asInt()).isEqualTo(2);

        HttpResponse<String> faulted = sim.http().post("/v1/chat/completions", CHAT);
        assertThat(faulted.statusCode()).isEqualTo(429);
        assertThat(faulted.headers().firstValue("retry-after")).hasValue("7");
        assertThat(SimHttp.json(sim.http().get("/_sim/faults")).at("/faults/0/count").asInt()).isEqualTo(1);

        assertThat(sim.http().send("DELETE", "/_sim/faults", null, SimHttp.BOUND).statusCode()).isEqualTo(204);
        assertThat(sim.simulator().faults().rules()).isEmpty();
        assertThat(sim.http().post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void acceptsEveryFaultKindByName() {
        for (String kind : new String[] {"timeout", "drop", "malformed", "drop_mid_stream", "slow"}) {
            assertThat(sim.http().post("/_sim/faults", "{\"kind\":\"" + kind + "\",\"after_chunks\":2,\"delay_ms\":5}")
                    .statusCode()).as(kind).isEqualTo(201);
        }

        assertThat(sim.simulator().faults().rules()).extracting(FaultRule::kind).containsExactly(FaultKind.TIMEOUT,
                FaultKind.DROP, FaultKind.MALFORMED, FaultKind.DROP_MID_STREAM, FaultKind.SLOW);
    }

    @Test
    void rejectsInvalidFaultsNamingTheProblem() {
        HttpResponse<String> unknownKind = sim.http().post("/_sim/faults", "{\"kind\":\"explode\"}");
        HttpResponse<String> badStatus = sim.http().post("/_sim/faults", "{\"kind\":\"status\",\"status\":200}");
        HttpResponse<String> unknownField = sim.http().post("/_sim/faults", "{\"kind\":\"drop\",\"times\":2}");

        assertThat(unknownKind.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(unknownKind).at("/error/message").asText()).contains("explode", "drop_mid_stream");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(badStatus).at("/error/message").asText()).contains("status", "400..599");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(unknownField).at("/error/param").asText()).isEqualTo("times");
        assertThat(sim.simulator().faults().rules()).isEmpty();
    }

    @Test
    void changesRunTimeConfig() {
        HttpResponse<String> put = sim.http().send("PUT", "/_sim/config",
                "{\"completion_tokens\":5,\"tokens_per_second\":0,\"latency_ms\":0}", SimHttp.BOUND);

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(SimHttp.json(put).get("completion_tokens").asInt()).isEqualTo(5);
        assertThat(sim.simulator().controls().completionTokens()).isEqualTo(5);
        JsonNode chat = SimHttp.json(sim.http().post("/v1/chat/completions", CHAT));
        assertThat(chat.at("/usage/completion_tokens").asInt()).isEqualTo(5);
        assertThat(SimHttp.json(sim.http().get("/_sim/config")).get("completion_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void rejectsInvalidConfigWithoutChangingAnything() {
        HttpResponse<String> put = sim.http().send("PUT", "/_sim/config",
                "{\"completion_tokens\":9,\"latency_ms\":-1}", SimHttp.BOUND);

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(put).at("/error/message").asText()).contains("latencyMs");
        assertThat(sim.simulator().controls().completionTokens()).isEqualTo(24);
    }

    @Test
    void showsAndClearsTheRequestLog() {
        sim.http().post("/v1/chat/completions", CHAT, "X-Trace", "abc");

        JsonNode log = SimHttp.json(sim.http().get("/_sim/requests"));
        assertThat(log.get("count").asInt()).isEqualTo(1);
        JsonNode entry = log.at("/requests/0");
        assertThat(entry.get("method").asText()).isEqualTo("POST");
        assertThat(entry.get("path").asText()).isEqualTo("/v1/chat/completions");
        assertThat(entry.at("/headers/x-trace").asText()).isEqualTo("abc");
        assertThat(entry.get("body").asText()).isEqualTo(CHAT);
        assertThat(entry.get("received_at_millis").asLong()).isPositive();

        assertThat(sim.http().send("DELETE", "/_sim/requests", null, SimHttp.BOUND).statusCode()).isEqualTo(204);
        assertThat(SimHttp.json(sim.http().get("/_sim/requests")).get("count").asInt()).isZero();
        assertThat(sim.simulator().requests().count()).isZero();
    }

    @Test
    void countsRequestsByResponseStatus() {
        sim.simulator().faults().add(FaultRule.status(503).times(1));
        sim.http().post("/v1/chat/completions", CHAT);
        sim.http().post("/v1/chat/completions", CHAT);
        sim.http().post("/v1/chat/completions", CHAT);

        JsonNode stats = SimHttp.json(sim.http().get("/_sim/stats"));

        assertThat(stats.get("requests").asLong()).isEqualTo(3);
        assertThat(stats.at("/by_status/200").asLong()).isEqualTo(2);
        assertThat(stats.at("/by_status/503").asLong()).isEqualTo(1);
    }
}
