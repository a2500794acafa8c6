package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    @Test
    void keepsTheLastThousandButCountsAll() {
        RequestLog log = new RequestLog();

        for (int i = 0; i < 1001; i++) {
            log.add(new ReceivedRequest("POST", "/v1/chat/completions", Map.of(), "body " + i, i));
        }

        assertThat(log.all()).hasSize(RequestLog.CAPACITY);
        assertThat(log.all().get(0).body()).isEqualTo("body 1");
        assertThat(log.last().body()).isEqualTo("body 1000");
        assertThat(log.count()).isEqualTo(1001);
    }

    @Test
    void clearEmptiesTheLog() {
        RequestLog log = new RequestLog();
        log.add(new ReceivedRequest("GET", "/v1/models", Map.of(), "", 1));

        log.clear();

        assertThat(log.all()).isEmpty();
        assertThat(log.last()).isNull();
        assertThat(log.count()).isZero();
    }

    @Test
    void recordsWhatTheSimulatorReceivedWithLowerCaseHeaders() {
        try (BackendSimulator simulator = BackendSimulator.start(SimulatorConfig.defaults())) {
            SimHttp http = new SimHttp(simulator);
            String body = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"[REDACTED]\"}]}";

            http.post("/v1/chat/completions", body, "X-Api-Key-Probe", "Value-Kept-As-Is");
            http.get("/_sim/stats");

            assertThat(simulator.requests().count()).isEqualTo(1);
            ReceivedRequest received = simulator.requests().last();
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.path()).isEqualTo("/v1/chat/completions");
            assertThat(received.body()).isEqualTo(body);
            assertThat(received.headers()).containsEntry("x-api-key-probe", "Value-Kept-As-Is");
            assertThat(received.headers()).containsEntry("content-type", "application/json");
            assertThat(received.headers().keySet()).allMatch(name -> name.equals(name.toLowerCase()));
            assertThat(received.header("X-API-KEY-PROBE")).isEqualTo("Value-Kept-As-Is");
            assertThat(received.receivedAtMillis()).isCloseTo(System.currentTimeMillis(),
                    org.assertj.core.data.Offset.offset(60_000L));
        }
    }
}
