package io.sluice.processors.quota;

import io.sluice.processors.GatewayTopology;
import io.sluice.processors.ProcessorsConfig;
import io.sluice.processors.routing.ModelRoute;
import io.sluice.records.ApiError;
import io.sluice.records.Attributes;
import io.sluice.records.DispatchRecord;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyRecord;
import io.sluice.records.TopicNames;
import io.sluice.records.UsageEvent;
import io.sluice.records.governance.Reconciliation;
import io.sluice.records.governance.Spend;
import io.sluice.records.governance.Subscription;
import io.sluice.records.governance.SubscriptionDirectory;
import io.sluice.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** The gateway topology with the quota stage, driven by hand with a controlled clock. */
final class QuotaTopologyDriver implements AutoCloseable {

    static final TopicNames TOPICS = TopicNames.defaults();
    static final String REPLY_TOPIC = TOPICS.replies("i1");

    /** Outcome of one request: dispatched (with its prompt) or refused (with its reply). */
    record Outcome(PromptRecord dispatched, ReplyRecord refused) {
        boolean admitted() {
            return dispatched != null;
        }

        Map<String, String> headers() {
            return admitted() ? dispatched.responseHeaders() : refused.responseHeaders();
        }

        ApiError error() {
            return ApiError.fromJson(refused.status(), refused.body());
        }
    }

    final MutableClock clock;
    final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    final Map<String, Spend> spend = new ConcurrentHashMap<>();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> requests;
    private final TestInputTopic<String, byte[]> reconcileIn;
    private final TestOutputTopic<String, byte[]> dispatch;
    private final TestOutputTopic<String, byte[]> replies;
    private final TestOutputTopic<String, byte[]> usage;
    private final TestOutputTopic<String, byte[]> reconcileOut;
    private final AtomicInteger ids = new AtomicInteger();

    QuotaTopologyDriver(String start) throws Exception {
        clock = MutableClock.at(start);
        SubscriptionDirectory directory = new SubscriptionDirectory() {
            @Override
            public Subscription subscription(String id) {
                return subscriptions.get(id);
            }

            @Override
            public Spend spend(String id) {
                return spend.get(id);
            }
        };
        ProcessorsConfig config = new ProcessorsConfig(TOPICS, Map.of(
                "gpt-4o-mini", new ModelRoute("gpt-4o-mini", Operation.CHAT, List.of("sim")),
                "text-embedding-3-small", new ModelRoute("text-embedding-3-small", Operation.EMBEDDINGS,
                        List.of("sim"))), "quota-test", true, 100, "/tmp/unused", 1,
                new QuotaSettings(directory, 1000));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "quota-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("quota-test").toString());
        driver = new TopologyTestDriver(GatewayTopology.build(config, clock), props, clock.instant());
        requests = driver.createInputTopic(TOPICS.requests(), new StringSerializer(), new ByteArraySerializer());
        reconcileIn = driver.createInputTopic(TOPICS.quotaReconcile(), new StringSerializer(),
                new ByteArraySerializer());
        dispatch = driver.createOutputTopic(TOPICS.dispatch(), new StringDeserializer(), new ByteArrayDeserializer());
        replies = driver.createOutputTopic(REPLY_TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
        usage = driver.createOutputTopic(TOPICS.usagePending(), new StringDeserializer(),
                new ByteArrayDeserializer());
        reconcileOut = driver.createOutputTopic(TOPICS.quotaReconcile(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    static String chat(int maxTokens) {
        return "{\"model\":\"gpt-4o-mini\",\"max_tokens\":" + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    /** Sends one request of {@code subscription} with {@code body} and says what became of it. */
    Outcome send(String subscription, String model, String body, Map<String, String> attributes) {
        String id = "req_" + ids.incrementAndGet();
        String counterKey = attributes.getOrDefault(Attributes.COUNTER_KEY, subscription);
        PromptRecord p = new PromptRecord(id, subscription, "key_1", model,
                model.contains("embedding") ? Operation.EMBEDDINGS : Operation.CHAT, false, false,
                clock.millis() + 60_000, REPLY_TOPIC, attributes, body.getBytes(StandardCharsets.UTF_8));
        requests.pipeInput(new TestRecord<>(counterKey, p.body(), p.toHeaders(), clock.instant()));
        if (!dispatch.isEmpty()) {
            TestRecord<String, byte[]> out = dispatch.readRecord();
            return new Outcome(DispatchRecord.from(out.headers(), out.value()).prompt(), null);
        }
        TestRecord<String, byte[]> r = replies.readRecord();
        return new Outcome(null, ReplyRecord.from(r.headers(), r.value()));
    }

    Outcome send(String subscription, String body) {
        return send(subscription, "gpt-4o-mini", body, Map.of());
    }

    /** What egress sends back when the request finished with this real usage. */
    void reconcile(PromptRecord admitted, int status, long promptTokens, long completionTokens) {
        String counterKey = admitted.attribute(Attributes.COUNTER_KEY);
        reconcileIn.pipeInput(counterKey, new Reconciliation(admitted.requestId(), counterKey, status, promptTokens,
                completionTokens).toJsonBytes(), clock.instant());
    }

    CounterState counter(String key) {
        KeyValueStore<String, CounterState> store = driver.getKeyValueStore(QuotaStores.COUNTERS);
        return store.get(key);
    }

    long reservations() {
        KeyValueStore<String, Reservation> store = driver.getKeyValueStore(QuotaStores.RESERVATIONS);
        return store.approximateNumEntries();
    }

    List<UsageEvent> usageEvents() {
        return usage.readValuesToList().stream().map(UsageEvent::fromJson).toList();
    }

    List<Reconciliation> reconciliationsWritten() {
        return reconcileOut.readValuesToList().stream().map(Reconciliation::fromJson).toList();
    }

    /** Moves the clock, and Streams' wall clock with it (punctuations run). */
    void advance(Duration d) {
        clock.advance(d);
        driver.advanceWallClockTime(d);
    }

    @Override
    public void close() {
        driver.close();
    }
}
