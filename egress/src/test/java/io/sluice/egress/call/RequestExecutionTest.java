package io.sluice.egress.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.egress.backend.BackendEndpoint;
import io.sluice.egress.backend.BackendPolicy;
import io.sluice.egress.breaker.BreakerSettings;
import io.sluice.egress.finish.FinishListener;
import io.sluice.egress.pacing.Capacity;
import io.sluice.egress.pool.LiveBackends;
import io.sluice.egress.reply.ReplyWriter;
import io.sluice.records.ApiError;
import io.sluice.records.BackendHealth;
import io.sluice.records.DispatchRecord;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyKind;
import io.sluice.records.ReplyRecord;
import io.sluice.records.RoutePlan;
import io.sluice.records.TopicNames;
import io.sluice.records.UsageEvent;
import io.sluice.simulator.BackendSimulator;
import io.sluice.simulator.FaultRule;
import io.sluice.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attempt loop of one request against real HTTP backends (simulators on loopback), with the
 * replies and usage captured from a mock producer: failover, streams, pass-through, 503s, waits.
 */
class RequestExecutionTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = CHAT.replace("\"messages\"", "\"stream\":true,\"messages\"");

    private static Vertx vertx;
    private static HttpClient http;
    private static BackendSimulator a;
    private static BackendSimulator b;
    private static int deadPort;

    private MockProducer<String, byte[]> producer;
    private final List<UsageEvent> usage = new CopyOnWriteArrayList<>();
    private final List<BackendHealth> published = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBackends() throws Exception {
        vertx = Vertx.vertx();
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
        a = BackendSimulator.start(vertx, SimulatorConfig.defaults()).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        b = BackendSimulator.start(vertx, SimulatorConfig.defaults()).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
    }

    @AfterAll
    static void stopBackends() {
        a.close();
        b.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void clearFaults() {
        a.faults().clear();
        b.faults().clear();
        a.requests().clear();
        b.requests().clear();
    }

    private LiveBackends live(Map<String, BackendPolicy> policies) {
        Map<String, BackendEndpoint> endpoints = new LinkedHashMap<>();
        endpoints.put("a", BackendEndpoint.openAi("a", a.baseUrl(), null));
        endpoints.put("b", BackendEndpoint.openAi("b", b.baseUrl(), null));
        endpoints.put("b-again", BackendEndpoint.openAi("b-again", b.baseUrl(), null));
        endpoints.put("dead", BackendEndpoint.openAi("dead", "http://127.0.0.1:" + deadPort + "/v1", null));
        return new LiveBackends(endpoints, policies, Clock.systemUTC(), "egress-1", published::add);
    }

    /** Runs one request to its end; returns the reply records it wrote. */
    private List<ReplyRecord> run(LiveBackends live, RoutePlan plan, String body, long timeoutMs) throws Exception {
        producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        FinishListener listener = (p, event, answer) -> usage.add(event);
        CallContext ctx = new CallContext(http, vertx, new ReplyWriter(producer, TOPICS, Clock.systemUTC()),
                Clock.systemUTC(), live, new RetryPolicy(3, 10, 100), List.of(listener));
        boolean stream = body.contains("\"stream\":true");
        PromptRecord prompt = new PromptRecord("req_" + System.nanoTime(), "team-a", "key_1", "gpt-4o-mini",
                Operation.CHAT, stream, false, System.currentTimeMillis() + timeoutMs, "sluice.replies.gw",
                Map.of(), body.getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Void> done = new CompletableFuture<>();
        new RequestExecution(new DispatchRecord(prompt, plan), prompt.toHeaders(), ctx, vertx.getOrCreateContext(),
                () -> done.complete(null)).start();
        done.get(15, TimeUnit.SECONDS);
        List<ReplyRecord> replies = new ArrayList<>();
        for (ProducerRecord<String, byte[]> r : producer.history()) {
            if (r.topic().equals("sluice.replies.gw")) {
                replies.add(ReplyRecord.from(r.headers(), r.value()));
            }
        }
        return replies;
    }

    private static RoutePlan failover(String... ids) {
        return RoutePlan.failover("gpt-4o-mini", List.of(ids));
    }

    private UsageEvent onlyUsage() {
        assertThat(usage).hasSize(1);
        return usage.get(0);
    }

    @Test
    void aServerErrorFailsOverAndOnlyTheAnsweringAttemptIsBilled() throws Exception {
        a.faults().add(FaultRule.status(500).times(1));
        List<ReplyRecord> replies = run(live(Map.of()), failover("a", "b"), CHAT, 10_000);

        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ReplyKind.RESPONSE);
            assertThat(r.status()).isEqualTo(200);
        });
        UsageEvent e = onlyUsage();
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.backend()).isEqualTo("b");
        assertThat(e.attempts()).extracting(UsageEvent.Attempt::backend, UsageEvent.Attempt::status,
                UsageEvent.Attempt::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", 500, "server_error"),
                org.assertj.core.groups.Tuple.tuple("b", 200, "success"));
        assertThat(e.completionTokens()).isPositive();
        assertThat(a.requests().count()).isEqualTo(1);
        assertThat(b.requests().count()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionFailsOverToTheNextMember() throws Exception {
        List<ReplyRecord> replies = run(live(Map.of()), failover("dead", "a"), CHAT, 10_000);
        assertThat(replies.get(0).status()).isEqualTo(200);
        assertThat(onlyUsage().attempts()).extracting(UsageEvent.Attempt::outcome)
                .containsExactly("connection_error", "success");
    }

    @Test
    void aStreamFailsOverWhenItFailsBeforeItsFirstChunk() throws Exception {
        a.faults().add(FaultRule.drop().times(1));
        List<ReplyRecord> replies = run(live(Map.of()), failover("a", "b"), STREAM, 10_000);
        assertThat(replies).extracting(ReplyRecord::kind).contains(ReplyKind.CHUNK).endsWith(ReplyKind.END)
                .doesNotContain(ReplyKind.ERROR);
        UsageEvent e = onlyUsage();
        assertThat(e.backend()).isEqualTo("b");
        assertThat(e.attempts()).extracting(UsageEvent.Attempt::outcome).containsExactly("connection_error", "success");
    }

    @Test
    void aStreamDoesNotFailOverOnceAChunkReachedTheClient() throws Exception {
        a.faults().add(FaultRule.dropMidStream(2).times(1));
        List<ReplyRecord> replies = run(live(Map.of()), failover("a", "b"), STREAM, 10_000);
        assertThat(replies.get(0).kind()).isEqualTo(ReplyKind.CHUNK);
        ReplyRecord last = replies.get(replies.size() - 1);
        assertThat(last.kind()).isEqualTo(ReplyKind.ERROR);
        assertThat(last.status()).isEqualTo(502);
        assertThat(b.requests().count()).isZero();
        UsageEvent e = onlyUsage();
        assertThat(e.backend()).isEqualTo("a");
        assertThat(e.attempts()).extracting(UsageEvent.Attempt::outcome).containsExactly("stream_broken");
    }

    @Test
    void aPoolOfOnePassesTheBackendsOwn429ThroughWithItsRetryAfter() throws Exception {
        a.faults().add(FaultRule.tooManyRequests(7).times(1));
        List<ReplyRecord> replies = run(live(Map.of()), failover("a"), CHAT, 10_000);
        assertThat(replies.get(0).status()).isEqualTo(429);
        assertThat(replies.get(0).responseHeaders()).containsEntry("retry-after", "7");
        assertThat(onlyUsage().backend()).isEqualTo("a");
    }

    @Test
    void aPoolWhoseOtherMembersAreOpenAnswers503RatherThanTheLastBackendsError() throws Exception {
        a.faults().add(FaultRule.status(500).times(1));
        RoutePlan onlyA = new RoutePlan("gpt-4o-mini", io.sluice.records.RoutingStrategy.FAILOVER,
                List.of(List.of(io.sluice.records.PoolMember.of("a"))), 2);
        ReplyRecord r = run(live(Map.of()), onlyA, CHAT, 10_000).get(0);
        assertThat(r.status()).isEqualTo(503);
        assertThat(ApiError.fromJson(503, r.body()).message()).contains("circuit breakers are open")
                .contains("a (HTTP 500)");
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        a.faults().add(FaultRule.status(400).times(1));
        List<ReplyRecord> replies = run(live(Map.of()), failover("a", "b"), CHAT, 10_000);
        assertThat(replies.get(0).status()).isEqualTo(400);
        assertThat(b.requests().count()).isZero();
    }

    @Test
    void whenEveryMemberFailsTheClientGets503WithRetryAfterNamingTheAttempts() throws Exception {
        a.faults().add(FaultRule.tooManyRequests(4).times(1));
        List<ReplyRecord> replies = run(live(Map.of()), failover("a", "dead"), CHAT, 10_000);
        ReplyRecord r = replies.get(0);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.responseHeaders()).containsEntry("retry-after", "1");
        ApiError error = ApiError.fromJson(503, r.body());
        assertThat(error.code()).isEqualTo("backends_unavailable");
        assertThat(error.message()).contains("gpt-4o-mini").contains("a (HTTP 429)").contains("dead (connection error)");
        UsageEvent e = onlyUsage();
        assertThat(e.backend()).isNull();
        assertThat(e.totalTokens()).isZero();
        assertThat(e.attempts()).hasSize(2);
    }

    @Test
    void whenEveryMemberIsOpenTheRetryAfterIsWhenTheFirstReopens() throws Exception {
        LiveBackends live = live(Map.of());
        long now = System.currentTimeMillis();
        live.apply(BackendHealth.open("a", now + 12_000, "test", "egress-2", now));
        live.apply(BackendHealth.open("b", now + 20_000, "test", "egress-2", now));
        ReplyRecord r = run(live, failover("a", "b"), CHAT, 10_000).get(0);
        assertThat(r.status()).isEqualTo(503);
        assertThat(Long.parseLong(r.responseHeaders().get("retry-after"))).isBetween(11L, 12L);
        assertThat(a.requests().count() + b.requests().count()).isZero();
    }

    @Test
    void theAttemptLimitBoundsTheFailover() throws Exception {
        a.faults().add(FaultRule.status(503).times(1));
        b.faults().add(FaultRule.status(503).times(1));
        // b-again would answer, but it would be the fourth attempt of three allowed
        ReplyRecord r = run(live(Map.of()), failover("dead", "a", "b", "b-again"), CHAT, 10_000).get(0);
        assertThat(r.status()).isEqualTo(503);
        assertThat(ApiError.fromJson(503, r.body()).message()).contains("attempt limit of 3");
        assertThat(onlyUsage().attempts()).extracting(UsageEvent.Attempt::backend).containsExactly("dead", "a", "b");
        assertThat(b.requests().count()).isEqualTo(1);
    }

    @Test
    void aDeadlineEndsTheRequestWith504WithoutJudgingTheBackend() throws Exception {
        a.faults().add(FaultRule.slow(3_000).times(1));
        LiveBackends live = live(Map.of());
        ReplyRecord r = run(live, failover("a", "b"), CHAT, 300).get(0);
        assertThat(r.status()).isEqualTo(504);
        UsageEvent e = onlyUsage();
        assertThat(e.attempts()).extracting(UsageEvent.Attempt::outcome).containsExactly("deadline");
        assertThat(live.get("a").breaker().snapshot().consecutiveFailures()).isZero();
        assertThat(live.get("a").load().inFlight()).isZero();
    }

    @Test
    void noFirstByteWithinTheTimeoutFailsOver() throws Exception {
        a.faults().add(FaultRule.slow(3_000).times(1));
        BackendPolicy impatient = new BackendPolicy(BreakerSettings.defaults(), Capacity.UNLIMITED, null, 200);
        LiveBackends live = live(Map.of("a", impatient));
        long t0 = System.nanoTime();
        ReplyRecord r = run(live, failover("a", "b"), CHAT, 10_000).get(0);
        assertThat(r.status()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);
        assertThat(onlyUsage().attempts()).extracting(UsageEvent.Attempt::outcome).containsExactly("timeout", "success");
        assertThat(live.get("a").breaker().snapshot().consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void aSaturatedPoolWaitsForCapacityAndPastTheDeadlineAnswers503() throws Exception {
        BackendPolicy paced = new BackendPolicy(BreakerSettings.defaults(), new Capacity(300, 0, 0.2), null, 0);
        LiveBackends live = live(Map.of("a", paced));
        assertThat(run(live, failover("a"), CHAT, 10_000).get(0).status()).isEqualTo(200);
        long t0 = System.nanoTime();
        assertThat(run(live, failover("a"), CHAT, 10_000).get(0).status()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(150);

        ReplyRecord r = run(live, failover("a"), CHAT, 50).get(0);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.responseHeaders()).containsKey("retry-after");
        assertThat(ApiError.fromJson(503, r.body()).message()).contains("capacity");
        assertThat(a.requests().count()).isEqualTo(2);
    }

    @Test
    void fiveFailuresTripTheBreakerAndPublishTheChange() throws Exception {
        a.faults().add(FaultRule.status(500));
        LiveBackends live = live(Map.of());
        for (int i = 0; i < 5; i++) {
            assertThat(run(live, failover("a", "b"), CHAT, 10_000).get(0).status()).isEqualTo(200);
        }
        assertThat(published).singleElement().satisfies(h -> assertThat(h.isOpen()).isTrue());
        usage.clear();
        assertThat(run(live, failover("a", "b"), CHAT, 10_000).get(0).status()).isEqualTo(200);
        assertThat(onlyUsage().attempts()).extracting(UsageEvent.Attempt::backend).containsExactly("b");
        assertThat(a.requests().count()).isEqualTo(5);
    }
}
