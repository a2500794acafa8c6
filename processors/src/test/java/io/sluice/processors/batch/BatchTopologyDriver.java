package io.sluice.processors.batch;

import io.sluice.processors.GatewayTopology;
import io.sluice.processors.ProcessorsConfig;
import io.sluice.processors.quota.QuotaSettings;
import io.sluice.processors.routing.ModelRoute;
import io.sluice.records.Attributes;
import io.sluice.records.DispatchRecord;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.SluiceHeaders;
import io.sluice.records.TopicNames;
import io.sluice.records.UsageEvent;
import io.sluice.records.batch.BatchHeaders;
import io.sluice.records.batch.BatchIds;
import io.sluice.records.batch.BatchLine;
import io.sluice.records.batch.BatchObject;
import io.sluice.records.batch.BatchOutcome;
import io.sluice.records.batch.BatchOutputLine;
import io.sluice.records.batch.BatchState;
import io.sluice.records.batch.LineKind;
import io.sluice.records.governance.CounterScope;
import io.sluice.records.governance.Spend;
import io.sluice.records.governance.Subscription;
import io.sluice.records.governance.SubscriptionDirectory;
import io.sluice.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The gateway topology with the quota stage and the batch part, driven by hand with a controlled clock. */
final class BatchTopologyDriver implements AutoCloseable {

    static final TopicNames TOPICS = TopicNames.defaults();
    static final String KEY = "sk-team-a";
    static final String REPLY = TOPICS.replies("i1");

    final MutableClock clock;
    final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> batchRequests;
    final TestInputTopic<String, byte[]> lines;
    final TestInputTopic<String, byte[]> outcomes;
    final TestInputTopic<String, byte[]> requests;
    final TestOutputTopic<String, byte[]> dispatchBatch;
    final TestOutputTopic<String, byte[]> dispatch;
    final TestOutputTopic<String, byte[]> results;
    final TestOutputTopic<String, byte[]> output;
    final TestOutputTopic<String, byte[]> state;
    final TestOutputTopic<String, byte[]> usage;
    final TestOutputTopic<String, byte[]> replies;

    BatchTopologyDriver(String start) throws Exception {
        clock = MutableClock.at(start);
        subscriptions.put("team-a", new Subscription("team-a", null, null, null, null, null, null, null));
        SubscriptionDirectory directory = new SubscriptionDirectory() {
            @Override
            public Subscription subscription(String id) {
                return subscriptions.get(id);
            }

            @Override
            public Spend spend(String id) {
                return null;
            }
        };
        BatchKeys keys = new BatchKeys() {
            @Override
            public Optional<BatchCaller> find(String presented) {
                return KEY.equals(presented) ? Optional.of(new BatchCaller("key_1", "team-a",
                        CounterScope.SUBSCRIPTION, List.of())) : Optional.empty();
            }
        };
        ProcessorsConfig config = new ProcessorsConfig(TOPICS, Map.of(
                "gpt-4o-mini", new ModelRoute("gpt-4o-mini", Operation.CHAT, List.of("sim")),
                "text-embedding-3-small", new ModelRoute("text-embedding-3-small", Operation.EMBEDDINGS,
                        List.of("sim"))), "batch-test", true, 100, "/tmp/unused", 1,
                new QuotaSettings(directory, 1000), null, null,
                BatchSettings.defaults(keys, topic -> topic.equals("team-a.results")));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "batch-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("batch-test").toString());
        driver = new TopologyTestDriver(GatewayTopology.build(config, clock), props, clock.instant());
        StringSerializer ks = new StringSerializer();
        ByteArraySerializer vs = new ByteArraySerializer();
        StringDeserializer kd = new StringDeserializer();
        ByteArrayDeserializer vd = new ByteArrayDeserializer();
        batchRequests = driver.createInputTopic(TOPICS.batchRequests(), ks, vs);
        lines = driver.createInputTopic(TOPICS.batchLines(), ks, vs);
        outcomes = driver.createInputTopic(TOPICS.batchOutcomes(), ks, vs);
        requests = driver.createInputTopic(TOPICS.requests(), ks, vs);
        dispatchBatch = driver.createOutputTopic(TOPICS.dispatchBatch(), kd, vd);
        dispatch = driver.createOutputTopic(TOPICS.dispatch(), kd, vd);
        results = driver.createOutputTopic(TOPICS.batchResults(), kd, vd);
        output = driver.createOutputTopic(TOPICS.batchOutput(), kd, vd);
        state = driver.createOutputTopic(TOPICS.batchState(), kd, vd);
        usage = driver.createOutputTopic(TOPICS.usagePending(), kd, vd);
        replies = driver.createOutputTopic(REPLY, kd, vd);
    }

    static String line(String customId, int maxTokens) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"gpt-4o-mini\",\"max_tokens\":" + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}}";
    }

    /** Produces a line straight to the batch requests topic, as any Kafka client would. */
    void produce(String customId, String json, Map<String, String> headers) {
        Headers h = new RecordHeaders();
        headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
        batchRequests.pipeInput(new TestRecord<>(customId, json.getBytes(StandardCharsets.UTF_8), h,
                clock.instant()));
    }

    void produce(String customId, int maxTokens) {
        produce(customId, line(customId, maxTokens), Map.of(BatchHeaders.API_KEY, KEY));
    }

    /** Creates a batch the way ingress does: the create command, then its lines. */
    BatchState createBatch(String batchId, int lines, int maxTokens, Duration window) {
        long now = clock.instant().getEpochSecond();
        BatchState s = new BatchState(BatchObject.created(batchId, "/v1/chat/completions", "file-x", "24h", now,
                now + window.toSeconds(), lines, Map.of()), "team-a", "key_1", "team-a", false,
                System.currentTimeMillis());
        Headers h = new RecordHeaders();
        SluiceHeaders.put(h, BatchHeaders.KIND, LineKind.CREATE.wire());
        SluiceHeaders.put(h, BatchHeaders.BATCH_ID, batchId);
        this.lines.pipeInput(new TestRecord<>("team-a", s.toJsonBytes(), h, clock.instant()));
        for (int i = 1; i <= lines; i++) {
            String body = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":" + maxTokens
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"line " + i + "\"}]}";
            PromptRecord p = new PromptRecord(BatchIds.lineRequestId(batchId, i), "team-a", "key_1", "gpt-4o-mini",
                    Operation.CHAT, false, false, clock.millis() + window.toMillis(), TOPICS.batchOutput(),
                    Map.of(Attributes.COUNTER_KEY, "team-a"), body.getBytes(StandardCharsets.UTF_8));
            BatchLine line = new BatchLine(p, batchId, "c" + i, i, null);
            this.lines.pipeInput(new TestRecord<>("team-a", p.body(), line.toHeaders(), clock.instant()));
        }
        return s;
    }

    void cancel(String batchId) {
        Headers h = new RecordHeaders();
        SluiceHeaders.put(h, BatchHeaders.KIND, LineKind.CANCEL.wire());
        SluiceHeaders.put(h, BatchHeaders.BATCH_ID, batchId);
        lines.pipeInput(new TestRecord<>("team-a", new byte[0], h, clock.instant()));
    }

    /** Lines dispatched since the last call. */
    List<BatchLine> dispatched() {
        return dispatchBatch.readRecordsToList().stream().map(r -> {
            DispatchRecord.from(r.headers(), r.value());
            return BatchLine.from(r.headers(), r.value());
        }).toList();
    }

    /** What egress writes when it is done with {@code line}: a 200 with this usage. */
    void answer(BatchLine line, long promptTokens, long completionTokens) {
        UsageEvent u = line.usage().status(200).promptTokens(promptTokens).completionTokens(completionTokens)
                .build();
        BatchOutcome o = new BatchOutcome(line, 200, BatchOutputLine.response(line.requestId(), line.customId(), 200,
                line.requestId(), "{\"ok\":true}".getBytes(StandardCharsets.UTF_8)), u);
        outcomes.pipeInput(new TestRecord<>(line.prompt().attribute(Attributes.COUNTER_KEY), o.outputLine(),
                o.toHeaders(), clock.instant()));
    }

    /** What egress writes for a line of a batch it saw cancelled: the line ended without a call. */
    void answerCancelled(BatchLine line) {
        BatchOutcome o = BatchOutcome.failed(line, io.sluice.records.batch.LineError.cancelled(),
                clock.instant().toString());
        outcomes.pipeInput(new TestRecord<>(line.prompt().attribute(Attributes.COUNTER_KEY), o.outputLine(),
                o.toHeaders(), clock.instant()));
    }

    /** The last state published for {@code batchId}. */
    BatchState lastState(String batchId) {
        BatchState last = null;
        for (TestRecord<String, byte[]> r : state.readRecordsToList()) {
            if (r.key().equals(batchId)) {
                last = BatchState.fromJson(r.value());
            }
        }
        return last;
    }

    List<UsageEvent> usageEvents() {
        return usage.readValuesToList().stream().map(UsageEvent::fromJson).toList();
    }

    /** An interactive request of team-a; true when the quota stage let it through. */
    boolean interactive(int maxTokens) {
        String body = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":" + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        PromptRecord p = new PromptRecord("req_" + System.nanoTime(), "team-a", "key_1", "gpt-4o-mini",
                Operation.CHAT, false, false, clock.millis() + 60_000, REPLY, Map.of(Attributes.COUNTER_KEY, "team-a"),
                body.getBytes(StandardCharsets.UTF_8));
        requests.pipeInput(new TestRecord<>("team-a", p.body(), p.toHeaders(), clock.instant()));
        boolean admitted = !dispatch.isEmpty();
        dispatch.readRecordsToList();
        replies.readRecordsToList();
        return admitted;
    }

    TopologyTestDriver driver() {
        return driver;
    }

    void advance(Duration d) {
        clock.advance(d);
        driver.advanceWallClockTime(d);
    }

    @Override
    public void close() {
        driver.close();
    }
}
