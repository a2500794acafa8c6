package io.sluice.egress.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.egress.backend.BackendEndpoint;
import io.sluice.egress.call.CallContext;
import io.sluice.egress.call.RetryPolicy;
import io.sluice.egress.pool.LiveBackends;
import io.sluice.egress.reply.ReplyWriter;
import io.sluice.egress.safety.ResponseGuard;
import io.sluice.records.Attributes;
import io.sluice.records.DispatchRecord;
import io.sluice.records.Json;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.RoutePlan;
import io.sluice.records.TopicNames;
import io.sluice.records.UsageEvent;
import io.sluice.records.batch.BatchLine;
import io.sluice.records.batch.BatchOutcome;
import io.sluice.records.safety.AuditEvent;
import io.sluice.safety.detect.KeywordDetector;
import io.sluice.safety.policy.AuditSettings;
import io.sluice.safety.policy.Check;
import io.sluice.safety.policy.CheckMode;
import io.sluice.safety.policy.CheckType;
import io.sluice.safety.policy.PolicyBook;
import io.sluice.safety.policy.SafetyPolicy;
import io.sluice.safety.policy.SafetySettings;
import io.sluice.simulator.BackendSimulator;
import io.sluice.simulator.FaultRule;
import io.sluice.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LineRunTest {

    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final BatchEgressSettings FAST_RETRY = new BatchEgressSettings(8, 8, 1_000, 5, 0.2, 10, 50, 10_000);

    private static Vertx vertx;
    private static HttpClient http;
    private static BackendSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
        sim = BackendSimulator.start(vertx, SimulatorConfig.defaults()).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        sim.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void clear() {
        sim.faults().clear();
        sim.requests().clear();
    }

    private static CallContext calls() {
        LiveBackends live = new LiveBackends(Map.of("sim", BackendEndpoint.openAi("sim", sim.baseUrl(), null)), Map.of(),
                Clock.systemUTC(), "egress-1", h -> { });
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        return new CallContext(http, vertx, new ReplyWriter(producer, TopicNames.defaults(), Clock.systemUTC()),
                Clock.systemUTC(), live, new RetryPolicy(1, 1, 1), List.of());
    }

    private static BatchLine line(long deadlineInMs) {
        PromptRecord p = new PromptRecord("batch_req_abc_1", "team-a", "key_1", "gpt-4o-mini", Operation.CHAT, false,
                false, System.currentTimeMillis() + deadlineInMs, "sluice.batch.output",
                Map.of(Attributes.COUNTER_KEY, "team-a"), CHAT.getBytes(StandardCharsets.UTF_8));
        return new BatchLine(p, "batch_abc", "c-1", 1, null);
    }

    private static BatchOutcome run(BatchLine line, boolean stopped) throws Exception {
        return run(line, stopped, calls());
    }

    private static BatchOutcome run(BatchLine line, boolean stopped, CallContext calls) throws Exception {
        CompletableFuture<BatchOutcome> outcome = new CompletableFuture<>();
        DispatchRecord dispatch = new DispatchRecord(line.prompt(), RoutePlan.failover("gpt-4o-mini", List.of("sim")));
        new LineRun(line, dispatch, line.toHeaders(), calls, vertx.getOrCreateContext(), FAST_RETRY,
                id -> stopped, outcome::complete).start();
        return outcome.get(15, TimeUnit.SECONDS);
    }

    private static JsonNode json(byte[] b) throws Exception {
        return Json.MAPPER.readTree(b);
    }

    @Test
    void aLineThatMeetsRateLimitsAndServerErrorsWaitsAndRunsAgainUntilItSucceeds() throws Exception {
        sim.faults().add(FaultRule.status(429).times(1));
        sim.faults().add(FaultRule.status(503).times(1));
        BatchOutcome o = run(line(60_000), false);
        assertThat(o.status()).isEqualTo(200);
        assertThat(json(o.outputLine()).path("response").path("status_code").asInt()).isEqualTo(200);
        assertThat(json(o.outputLine()).path("custom_id").asText()).isEqualTo("c-1");
        assertThat(sim.requests().count()).isEqualTo(3);
        UsageEvent u = o.usage();
        assertThat(u.mode()).isEqualTo(UsageEvent.MODE_BATCH);
        assertThat(u.batchId()).isEqualTo("batch_abc");
        assertThat(u.customId()).isEqualTo("c-1");
        assertThat(u.attempts()).extracting(UsageEvent.Attempt::status).containsExactly(429, 503, 200);
        assertThat(u.completionTokens()).isPositive();
    }

    @Test
    void aBackendsRejectionOfTheRequestIsTheLinesAnswerWithoutRetry() throws Exception {
        sim.faults().add(FaultRule.status(400).times(1));
        BatchOutcome o = run(line(60_000), false);
        assertThat(o.status()).isEqualTo(400);
        assertThat(o.succeeded()).isFalse();
        assertThat(json(o.outputLine()).path("response").path("status_code").asInt()).isEqualTo(400);
        assertThat(sim.requests().count()).isEqualTo(1);
    }

    @Test
    void aLineOfAStoppedBatchEndsCancelledWithoutACall() throws Exception {
        BatchOutcome o = run(line(60_000), true);
        assertThat(json(o.outputLine()).path("error").path("code").asText()).isEqualTo("batch_cancelled");
        assertThat(o.usage().status()).isEqualTo(499);
        assertThat(sim.requests().count()).isZero();
    }

    @Test
    void aLinePastItsWindowEndsExpiredWithoutACall() throws Exception {
        BatchOutcome o = run(line(-1), false);
        assertThat(json(o.outputLine()).path("error").path("code").asText()).isEqualTo("batch_expired");
        assertThat(sim.requests().count()).isZero();
    }

    /** Interactive traffic as a test sets it. */
    private static final class Load implements InteractiveLoad {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong taken = new AtomicLong();

        @Override
        public int inFlight() {
            return inFlight.get();
        }

        @Override
        public long taken() {
            return taken.get();
        }
    }

    private CompletableFuture<BatchOutcome> submit(LineGate gate) {
        CompletableFuture<BatchOutcome> outcome = new CompletableFuture<>();
        BatchLine line = line(60_000);
        gate.submit(new LineRun(line, new DispatchRecord(line.prompt(), RoutePlan.failover("gpt-4o-mini",
                List.of("sim"))), line.toHeaders(), calls(), vertx.getOrCreateContext(), FAST_RETRY, id -> false,
                o -> {
                    outcome.complete(o);
                    gate.finished();
                }));
        return outcome;
    }

    @Test
    void noLineStartsWhileInteractiveCallsAreAtTheYieldBound() throws Exception {
        Load load = new Load();
        load.inFlight.set(5);
        LineGate gate = new LineGate(vertx, vertx.getOrCreateContext(), load, FAST_RETRY,
                new BackendHeadroom(calls().backends(), 0.2), new AtomicLong()::get);
        CompletableFuture<BatchOutcome> outcome = submit(gate);
        await().during(Duration.ofMillis(LineGate.RECHECK_MS * 5)).atMost(Duration.ofSeconds(2))
                .until(() -> !outcome.isDone() && sim.requests().count() == 0);
        load.inFlight.set(4);
        assertThat(outcome.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void whileInteractiveRequestsFlowOnlyAFewLinesRunAtOnceAndAllOnceTheyStop() throws Exception {
        // answers take long enough that no line finishes while the test looks
        sim.controls().setLatencyMs(2_000);
        try {
            Load load = new Load();
            AtomicLong nanos = new AtomicLong(1_000);
            BatchEgressSettings settings = new BatchEgressSettings(64, 2, 1_000, 1_000, 0.2, 10, 50, 10_000);
            LineGate gate = new LineGate(vertx, vertx.getOrCreateContext(), load, settings,
                    new BackendHeadroom(calls().backends(), 0.2), nanos::get);
            load.taken.incrementAndGet();
            // five: the HTTP client's connection pool (5 per host) would hold a sixth back
            List<CompletableFuture<BatchOutcome>> outcomes = IntStream.range(0, 5).mapToObj(i -> submit(gate))
                    .toList();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> sim.requests().count() == 2);
            await().during(Duration.ofMillis(LineGate.RECHECK_MS * 10)).atMost(Duration.ofSeconds(1))
                    .until(() -> sim.requests().count() == 2);

            // no interactive request taken on for longer than the quiet time: the rest start at once
            nanos.addAndGet(LineGate.QUIET_NANOS + 1);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> sim.requests().count() == 5);
            assertThat(outcomes).as("started before any line finished").noneMatch(CompletableFuture::isDone);
            for (CompletableFuture<BatchOutcome> o : outcomes) {
                assertThat(o.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            sim.controls().setLatencyMs(0);
        }
    }

    @Test
    void whileInteractiveRequestsFlowLinesStartNoFasterThanTheirPace() throws Exception {
        Load load = new Load();
        AtomicLong nanos = new AtomicLong(1_000);
        // 20 a second: a burst of one, then one every 50 ms
        BatchEgressSettings settings = new BatchEgressSettings(64, 64, 20, 1_000, 0.2, 10, 50, 10_000);
        LineGate gate = new LineGate(vertx, vertx.getOrCreateContext(), load, settings,
                new BackendHeadroom(calls().backends(), 0.2), nanos::get);
        load.taken.incrementAndGet();
        List<CompletableFuture<BatchOutcome>> outcomes = IntStream.range(0, 4).mapToObj(i -> submit(gate)).toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.get(0).isDone());
        await().during(Duration.ofMillis(LineGate.RECHECK_MS * 10)).atMost(Duration.ofSeconds(1))
                .until(() -> sim.requests().count() == 1);

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(50));
        load.taken.incrementAndGet();
        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.get(1).isDone());
        await().during(Duration.ofMillis(LineGate.RECHECK_MS * 10)).atMost(Duration.ofSeconds(1))
                .until(() -> sim.requests().count() == 2);
    }

    @Test
    void aLinesAnswerGetsTheSameContentSafetyAsAnInteractiveAnswer() throws Exception {
        // every simulated answer opens with one of these words
        Check keywords = new Check("keywords", CheckType.KEYWORDS, CheckMode.BLOCK, false, true,
                new KeywordDetector(List.of("The", "This", "It", "We", "Our", "Every", "Each", "Some", "Most", "One",
                        "In", "A")), null);
        SafetyPolicy policy = new SafetyPolicy("answers", List.of(keywords), 500, false, 1);
        List<AuditEvent> audits = new CopyOnWriteArrayList<>();
        ResponseGuard guard = new ResponseGuard(new SafetySettings(new PolicyBook(Map.of("answers", policy),
                Map.of("team-a", List.of("answers")), Map.of(), List.of()), AuditSettings.DEFAULTS, 1024),
                audits::add, Clock.systemUTC());
        CallContext plain = calls();
        CallContext guarded = new CallContext(plain.http(), plain.vertx(), plain.writer(), plain.clock(),
                plain.backends(), plain.retry(), plain.listeners(), plain.observer(), guard);

        BatchOutcome o = run(line(60_000), false, guarded);
        assertThat(o.status()).isEqualTo(200);
        JsonNode choice = json(o.outputLine()).path("response").path("body").path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(choice.path("message").path("content").isNull()).isTrue();
        assertThat(o.usage().completionTokens()).as("usage kept").isPositive();
        assertThat(audits).singleElement().satisfies(a -> {
            assertThat(a.side()).isEqualTo("response");
            assertThat(a.decision()).isEqualTo(AuditEvent.BLOCKED);
            assertThat(a.requestId()).isEqualTo("batch_req_abc_1");
        });
    }
}
