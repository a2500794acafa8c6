package io.sluice.processors.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.records.Json;
import io.sluice.records.SluiceHeaders;
import io.sluice.records.UsageEvent;
import io.sluice.records.batch.BatchHeaders;
import io.sluice.records.batch.BatchIds;
import io.sluice.records.batch.BatchLine;
import io.sluice.records.batch.BatchObject;
import io.sluice.records.batch.BatchState;
import io.sluice.records.governance.Limits;
import io.sluice.records.governance.Subscription;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchSchedulerTest {

    private BatchTopologyDriver d;

    @BeforeEach
    void start() throws Exception {
        d = new BatchTopologyDriver("2026-03-02T10:00:05Z");
    }

    @AfterEach
    void stop() {
        d.close();
    }

    private static JsonNode json(byte[] b) throws IOException {
        return Json.MAPPER.readTree(b);
    }

    @Test
    void lineProducedToKafkaRunsAndItsOutcomeBecomesOneResultAndOneUsageEvent() throws Exception {
        d.produce("q1", 50);
        List<BatchLine> sent = d.dispatched();
        assertThat(sent).hasSize(1);
        BatchLine line = sent.get(0);
        assertThat(line.customId()).isEqualTo("q1");
        assertThat(line.prompt().subscriptionId()).isEqualTo("team-a");
        assertThat(line.prompt().requestId()).startsWith("batch_req_kafka_");
        assertThat(line.prompt().stream()).isFalse();

        d.answer(line, 10, 5);
        TestRecord<String, byte[]> result = d.results.readRecord();
        assertThat(result.key()).isEqualTo("q1");
        JsonNode out = json(result.value());
        assertThat(out.path("custom_id").asText()).isEqualTo("q1");
        assertThat(out.path("response").path("status_code").asInt()).isEqualTo(200);
        assertThat(out.path("error").isNull()).isTrue();
        List<UsageEvent> usage = d.usageEvents();
        assertThat(usage).hasSize(1);
        assertThat(usage.get(0).mode()).isEqualTo("batch");
        assertThat(usage.get(0).customId()).isEqualTo("q1");
        assertThat(usage.get(0).totalTokens()).isEqualTo(15);
    }

    @Test
    void aRepeatedOutcomeOfTheSameLineIsDropped() {
        d.produce("q1", 50);
        BatchLine line = d.dispatched().get(0);
        d.answer(line, 10, 5);
        d.answer(line, 10, 5);
        assertThat(d.results.readRecordsToList()).hasSize(1);
        assertThat(d.usageEvents()).hasSize(1);
    }

    @Test
    void lineWithoutAValidKeyGetsA401ResultAndNoUsageEvent() throws Exception {
        d.produce("q1", BatchTopologyDriver.line("q1", 5), Map.of());
        d.produce("q2", BatchTopologyDriver.line("q2", 5), Map.of(BatchHeaders.API_KEY, "sk-wrong"));
        List<TestRecord<String, byte[]>> results = d.results.readRecordsToList();
        assertThat(results).hasSize(2);
        assertThat(json(results.get(0).value()).path("error").path("code").asText()).isEqualTo("missing_api_key");
        assertThat(json(results.get(1).value()).path("error").path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(new String(results.get(1).value())).doesNotContain("sk-wrong");
        assertThat(d.dispatched()).isEmpty();
        assertThat(d.usageEvents()).isEmpty();
    }

    @Test
    void malformedLinesGetErrorResultsAndUsageEventsWhileTheOthersRun() throws Exception {
        d.produce("bad-json", "{\"custom_id\": \"bad-json\", oops", Map.of(BatchHeaders.API_KEY, BatchTopologyDriver.KEY));
        d.produce("bad-url", "{\"custom_id\":\"bad-url\",\"method\":\"POST\",\"url\":\"/v1/images\",\"body\":{}}",
                Map.of(BatchHeaders.API_KEY, BatchTopologyDriver.KEY));
        d.produce("no-body", "{\"custom_id\":\"no-body\",\"method\":\"POST\",\"url\":\"/v1/embeddings\"}",
                Map.of(BatchHeaders.API_KEY, BatchTopologyDriver.KEY));
        d.produce("good", 5);

        assertThat(d.dispatched()).extracting(BatchLine::customId).containsExactly("good");
        List<TestRecord<String, byte[]>> errors = d.results.readRecordsToList();
        assertThat(errors).extracting(TestRecord::key).containsExactly("bad-json", "bad-url", "no-body");
        assertThat(json(errors.get(0).value()).path("error").path("code").asText()).isEqualTo("invalid_json");
        assertThat(json(errors.get(1).value()).path("error").path("message").asText()).contains("/v1/images");
        assertThat(json(errors.get(2).value()).path("error").path("code").asText()).isEqualTo("missing_body");
        assertThat(d.usageEvents()).extracting(UsageEvent::status).containsExactly(400, 400, 400);
    }

    @Test
    void resultsGoToTheReplyTopicAProducerNames() {
        var custom = d.driver().createOutputTopic("team-a.results", new org.apache.kafka.common.serialization
                .StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        d.produce("q1", BatchTopologyDriver.line("q1", 5), Map.of(BatchHeaders.API_KEY, BatchTopologyDriver.KEY,
                BatchHeaders.REPLY_TO, "team-a.results"));
        d.answer(d.dispatched().get(0), 1, 1);
        assertThat(custom.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("q1");

        d.produce("q2", BatchTopologyDriver.line("q2", 5), Map.of(BatchHeaders.API_KEY, BatchTopologyDriver.KEY,
                BatchHeaders.REPLY_TO, "sluice.config"));
        assertThat(d.dispatched()).isEmpty();
        assertThat(new String(d.results.readRecord().value())).contains("reply_topic_not_allowed");
    }

    @Test
    void batchCountsItsResultsAndCompletesWithItsFiles() throws Exception {
        String id = BatchIds.newBatchId();
        d.createBatch(id, 3, 5, Duration.ofHours(24));
        assertThat(d.lastState(id).batch().status()).isEqualTo(BatchObject.IN_PROGRESS);
        List<BatchLine> sent = d.dispatched();
        assertThat(sent).hasSize(3);
        d.answer(sent.get(0), 1, 1);
        d.answer(sent.get(1), 1, 1);
        d.advance(Duration.ofSeconds(1));
        assertThat(d.lastState(id).batch().requestCounts().completed()).isEqualTo(2);
        d.answer(sent.get(2), 1, 1);
        BatchState done = d.lastState(id);
        assertThat(done.batch().status()).isEqualTo(BatchObject.COMPLETED);
        assertThat(done.batch().outputFileId()).isEqualTo(BatchIds.outputFileId(id));
        assertThat(done.batch().errorFileId()).isNull();
        List<TestRecord<String, byte[]>> out = d.output.readRecordsToList();
        assertThat(out).hasSize(3).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(id);
            assertThat(SluiceHeaders.get(r.headers(), BatchHeaders.FILE)).isEqualTo("output");
        });
        assertThat(d.results.isEmpty()).isTrue();
    }

    @Test
    void quotaReachedMidBatchLinesWaitForTheNextWindowWhileInteractiveRequestsStillPass() {
        d.subscriptions.put("team-a", new Subscription("team-a", null, null, null, null,
                new Limits(null, 10_000L, null, null, null, null), null, null));
        String id = BatchIds.newBatchId();
        d.createBatch(id, 20, 990, Duration.ofHours(24));
        // each line reserves about 1,000 tokens; batch lines stop at 80% of the 10,000 per minute
        List<BatchLine> first = d.dispatched();
        assertThat(first).hasSize(8);
        assertThat(d.interactive(990)).as("interactive request within the reserve").isTrue();

        d.advance(Duration.ofSeconds(1));
        assertThat(d.dispatched()).as("still the same minute").isEmpty();

        d.advance(Duration.ofSeconds(60));
        List<BatchLine> second = d.dispatched();
        assertThat(second).hasSize(8);
        assertThat(second.get(0).line()).isEqualTo(9);
        assertThat(d.lastState(id).batch().status()).isEqualTo(BatchObject.IN_PROGRESS);
    }

    @Test
    void settledTokensLetWaitingLinesRunInTheSameMinute() {
        d.subscriptions.put("team-a", new Subscription("team-a", null, null, null, null,
                new Limits(null, 10_000L, null, null, null, null), null, null));
        String id = BatchIds.newBatchId();
        d.createBatch(id, 12, 990, Duration.ofHours(24));
        List<BatchLine> first = d.dispatched();
        assertThat(first).hasSize(8);
        // they used far less than they reserved: the window has room again
        first.forEach(l -> d.answer(l, 10, 5));
        d.advance(Duration.ofMillis(100));
        assertThat(d.dispatched()).hasSize(4);
    }

    @Test
    void cancelEndsWaitingLinesAndTheBatchEndsCancelledOnceRunningLinesAreDone() throws Exception {
        d.subscriptions.put("team-a", new Subscription("team-a", null, null, null, null,
                new Limits(null, 10_000L, null, null, null, null), null, null));
        String id = BatchIds.newBatchId();
        d.createBatch(id, 10, 990, Duration.ofHours(24));
        List<BatchLine> running = d.dispatched();
        assertThat(running).hasSize(8);
        d.cancel(id);
        assertThat(d.lastState(id).batch().status()).isEqualTo(BatchObject.CANCELLING);
        List<TestRecord<String, byte[]>> cancelled = d.output.readRecordsToList();
        assertThat(cancelled).hasSize(2).allSatisfy(r ->
                assertThat(new String(r.value())).contains("batch_cancelled"));
        running.forEach(l -> d.answer(l, 1, 1));
        BatchState end = d.lastState(id);
        assertThat(end.batch().status()).isEqualTo(BatchObject.CANCELLED);
        assertThat(end.batch().requestCounts().completed()).isEqualTo(8);
        assertThat(end.batch().requestCounts().failed()).isEqualTo(2);
        assertThat(end.batch().cancelledAt()).isNotNull();
        d.advance(Duration.ofSeconds(61));
        assertThat(d.dispatched()).isEmpty();
    }

    @Test
    void aLineEgressEndedCancelledStopsTheBatchBeforeItsCancelCommandArrives() throws Exception {
        d.subscriptions.put("team-a", new Subscription("team-a", null, null, null, null,
                new Limits(null, 10_000L, null, null, null, null), null, null));
        String id = BatchIds.newBatchId();
        d.createBatch(id, 10, 990, Duration.ofHours(24));
        List<BatchLine> running = d.dispatched();
        assertThat(running).hasSize(8);
        // egress follows the batch state topic, where ingress wrote the cancel; the command is still behind the lines
        d.answerCancelled(running.get(0));
        assertThat(d.lastState(id).batch().status()).isEqualTo(BatchObject.CANCELLING);
        List<TestRecord<String, byte[]>> ended = d.output.readRecordsToList();
        assertThat(ended).hasSize(3).allSatisfy(r ->
                assertThat(json(r.value()).path("error").path("code").asText()).isEqualTo("batch_cancelled"));
        d.advance(Duration.ofSeconds(61));
        assertThat(d.dispatched()).as("no line is dispatched any more").isEmpty();

        d.cancel(id);
        running.subList(1, 8).forEach(l -> d.answer(l, 1, 1));
        BatchState end = d.lastState(id);
        assertThat(end.batch().status()).isEqualTo(BatchObject.CANCELLED);
        assertThat(end.batch().requestCounts().completed()).isEqualTo(7);
        assertThat(end.batch().requestCounts().failed()).isEqualTo(3);
        assertThat(d.usageEvents()).hasSize(10);
    }

    @Test
    void batchPastItsWindowEndsExpiredWithWhatFinishedDelivered() throws Exception {
        d.subscriptions.put("team-a", new Subscription("team-a", null, null, null, null,
                new Limits(null, 10_000L, null, null, null, null), null, null));
        String id = BatchIds.newBatchId();
        d.createBatch(id, 10, 990, Duration.ofMinutes(30));
        List<BatchLine> running = d.dispatched();
        running.forEach(l -> d.answer(l, 1, 1));
        d.output.readRecordsToList();
        d.advance(Duration.ofMinutes(31));
        List<TestRecord<String, byte[]>> expired = d.output.readRecordsToList();
        assertThat(expired).hasSize(2).allSatisfy(r -> {
            assertThat(json(r.value()).path("error").path("code").asText()).isEqualTo("batch_expired");
            assertThat(SluiceHeaders.get(r.headers(), BatchHeaders.FILE)).isEqualTo("error");
        });
        BatchState end = d.lastState(id);
        assertThat(end.batch().status()).isEqualTo(BatchObject.EXPIRED);
        assertThat(end.batch().requestCounts().completed()).isEqualTo(8);
        assertThat(end.batch().outputFileId()).isNotNull();
        assertThat(end.batch().errorFileId()).isNotNull();
    }

    @Test
    void dispatchedLineNobodyAnswersEndsExpiredAfterTheGrace() throws Exception {
        String id = BatchIds.newBatchId();
        d.createBatch(id, 1, 5, Duration.ofMinutes(10));
        BatchLine line = d.dispatched().get(0);
        d.advance(Duration.ofMinutes(11));
        assertThat(d.output.isEmpty()).as("within the grace, egress may still answer").isTrue();
        d.advance(Duration.ofMinutes(2));
        assertThat(json(d.output.readRecord().value()).path("error").path("code").asText()).isEqualTo("batch_expired");
        assertThat(d.lastState(id).batch().status()).isEqualTo(BatchObject.EXPIRED);
        d.answer(line, 1, 1);
        assertThat(d.output.isEmpty()).as("the late outcome is dropped").isTrue();
        assertThat(d.usageEvents()).hasSize(1);
    }
}
