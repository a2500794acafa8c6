package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultInjectionTest {

    private static final String CHAT = SimHttp.chat("gpt-4o-mini", "Hi");

    @RegisterExtension
    static final SimulatorExtension sim = new SimulatorExtension(SimulatorConfig.defaults().withCompletionTokens(6));

    @Test
    void answersStatusFaultsWithAnOpenAiErrorUntilTheCountIsSpent() {
        sim.simulator().faults().add(FaultRule.status(503).times(2));

        HttpResponse<String> first = sim.http().post("/v1/chat/completions", CHAT);
        HttpResponse<String> second = sim.http().post("/v1/chat/completions", CHAT);
        HttpResponse<String> third = sim.http().post("/v1/chat/completions", CHAT);

        ChatCompletionsTest.assertError(first, 503, "server_error", "service_unavailable");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(sim.simulator().faults().rules()).isEmpty();
    }

    @Test
    void sendsRetryAfterWithTooManyRequests() {
        sim.simulator().faults().add(FaultRule.tooManyRequests(7).times(1));

        HttpResponse<String> response = sim.http().post("/v1/chat/completions", CHAT);

        ChatCompletionsTest.assertError(response, 429, "requests", "rate_limit_exceeded");
        assertThat(response.headers().firstValue("retry-after")).hasValue("7");
    }

    @Test
    void sendsNoRetryAfterForOtherStatuses() {
        sim.simulator().faults().add(FaultRule.status(500).times(1));

        HttpResponse<String> response = sim.http().post("/v1/chat/completions", CHAT);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("retry-after")).isEmpty();
    }

    @Test
    void appliesModelScopedFaultsOnlyToThatModel() {
        sim.simulator().faults().add(FaultRule.status(502).forModel("gpt-4o"));

        assertThat(sim.http().post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        assertThat(sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4o", "Hi")).statusCode()).isEqualTo(502);
    }

    @Test
    void appliesTheFirstMatchingRule() {
        sim.simulator().faults().add(FaultRule.status(400).forModel("gpt-4o").times(1));
        sim.simulator().faults().add(FaultRule.status(504).times(1));

        assertThat(sim.http().post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(504);
        assertThat(sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4o", "Hi")).statusCode()).isEqualTo(400);
        assertThat(sim.http().post("/v1/chat/completions", SimHttp.chat("gpt-4o", "Hi")).statusCode()).isEqualTo(200);
    }

    @Test
    void neverAppliesARuleWithProbabilityZero() {
        sim.simulator().faults().add(FaultRule.status(503).withProbability(0.0).times(1));

        for (int i = 0; i < 5; i++) {
            assertThat(sim.http().post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        }
        assertThat(sim.simulator().faults().rules())
                .containsExactly(FaultRule.status(503).withProbability(0.0).times(1));
    }

    @Test
    void appliesFaultsToEmbeddingsToo() {
        sim.simulator().faults().add(FaultRule.status(503).times(1));

        HttpResponse<String> response = sim.http().post("/v1/embeddings",
                "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(503);
    }

    @Test
    void dropClosesTheConnectionWithoutAResponse() throws IOException {
        sim.simulator().faults().add(FaultRule.drop().times(1));

        String received = sim.http().raw("POST", "/v1/chat/completions", CHAT);

        assertThat(received).isEmpty();
        assertThat(sim.http().post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void dropMakesTheHttpClientFailWithAConnectionError() {
        sim.simulator().faults().add(FaultRule.drop().times(1));

        assertThatThrownBy(() -> sim.http().sendOrThrow("POST", "/v1/chat/completions", CHAT, SimHttp.BOUND))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void malformedAnswers200WithABodyThatIsNotJson() {
        sim.simulator().faults().add(FaultRule.malformed().times(1));

        HttpResponse<String> response = sim.http().post("/v1/chat/completions", CHAT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThatThrownBy(() -> SimHttp.JSON.readTree(response.body())).isInstanceOf(IOException.class);
    }

    @Test
    void malformedStreamsAnEventThatIsNotJson() {
        sim.simulator().faults().add(FaultRule.malformed().times(1));

        HttpResponse<String> response = sim.http().post("/v1/chat/completions",
                SimHttp.streamingChat("gpt-4o-mini", "Hi", false));

        List<String> events = SimHttp.events(response.body());
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThatThrownBy(() -> SimHttp.JSON.readTree(events.get(0))).isInstanceOf(IOException.class);
    }

    @Test
    void timeoutHoldsTheRequestUntilTheClientGivesUp() {
        sim.simulator().faults().add(FaultRule.timeout().times(1));

        long start = System.nanoTime();
        assertThatThrownBy(() -> sim.http().sendOrThrow("POST", "/v1/chat/completions", CHAT, Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        assertThat(sim.http().post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void timeoutWithADelayClosesTheConnectionWithoutAnswering() throws IOException {
        sim.simulator().faults().add(FaultRule.timeout().withDelayMs(150).times(1));

        long start = System.nanoTime();
        String received = sim.http().raw("POST", "/v1/chat/completions", CHAT);

        assertThat(received).isEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    }

    @Test
    void slowAddsDelayBeforeANormalAnswer() {
        sim.simulator().faults().add(FaultRule.slow(200).times(1));

        long start = System.nanoTime();
        HttpResponse<String> response = sim.http().post("/v1/chat/completions", CHAT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void dropMidStreamSendsThatManyChunksThenCloses() throws IOException {
        sim.simulator().faults().add(FaultRule.dropMidStream(3).times(1));

        String received = sim.http().raw("POST", "/v1/chat/completions",
                SimHttp.streamingChat("gpt-4o-mini", "Hi", false));

        assertThat(received).startsWith("HTTP/1.1 200");
        assertThat(received).contains("text/event-stream");
        assertThat(received.split("data: \\{", -1)).hasSize(1 + 3);
        assertThat(received).doesNotContain("[DONE]").doesNotContain("finish_reason\":\"stop");
        assertThat(received).doesNotEndWith("0\r\n\r\n");
    }

    @Test
    void dropMidStreamCutsAPacedStreamToo() throws IOException {
        sim.simulator().faults().add(FaultRule.dropMidStream(4).times(1));
        sim.simulator().controls().setTokensPerSecond(200);

        String received = sim.http().raw("POST", "/v1/chat/completions",
                SimHttp.streamingChat("gpt-4o-mini", "Hi", false));

        assertThat(received.split("data: \\{", -1)).hasSize(1 + 4);
        assertThat(received).doesNotContain("[DONE]");
    }

    @Test
    void dropMidStreamAfterZeroChunksSendsOnlyHeaders() throws IOException {
        sim.simulator().faults().add(FaultRule.dropMidStream(0).times(1));

        String received = sim.http().raw("POST", "/v1/chat/completions",
                SimHttp.streamingChat("gpt-4o-mini", "Hi", false));

        assertThat(received).startsWith("HTTP/1.1 200").doesNotContain("data:");
    }

    @Test
    void dropMidStreamIgnoresNonStreamingRequests() {
        sim.simulator().faults().add(FaultRule.dropMidStream(1).times(1));

        assertThat(sim.http().post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        assertThat(sim.simulator().faults().rules()).hasSize(1);
    }

    @Test
    void dropMidStreamCutsEvenAfterTheLastChunk() throws IOException {
        sim.simulator().faults().add(FaultRule.dropMidStream(100).times(1));

        String received = sim.http().raw("POST", "/v1/chat/completions",
                SimHttp.streamingChat("gpt-4o-mini", "Hi", false));

        assertThat(received).contains("finish_reason\":\"stop").doesNotContain("[DONE]");
    }
}
