package io.sluice.processors.cache;

import io.sluice.processors.GatewayTopology;
import io.sluice.processors.ProcessorsConfig;
import io.sluice.processors.routing.ModelRoute;
import io.sluice.records.DispatchRecord;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyRecord;
import io.sluice.records.TopicNames;
import io.sluice.records.UsageEvent;
import io.sluice.records.cache.CacheAttributes;
import io.sluice.records.cache.CacheFill;
import io.sluice.records.cache.CacheScopeStats;
import io.sluice.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The gateway topology with the cache stage, driven by hand with a controlled clock and the real model. */
final class CacheTopologyDriver implements AutoCloseable {

    static final TopicNames TOPICS = TopicNames.defaults();
    static final String REPLY_TOPIC = TOPICS.replies("i1");
    static final String MODEL = "gpt-4o-mini";

    /** What became of one request: dispatched (a miss or bypass), or answered from the cache. */
    record Outcome(PromptRecord dispatched, List<ReplyRecord> replies, UsageEvent usage) {
        boolean hit() {
            return dispatched == null;
        }

        Map<String, String> headers() {
            return hit() ? replies.get(0).responseHeaders() : dispatched.responseHeaders();
        }
    }

    final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> requests;
    private final TestInputTopic<String, byte[]> fills;
    private final TestOutputTopic<String, byte[]> dispatch;
    private final TestOutputTopic<String, byte[]> replies;
    private final TestOutputTopic<String, byte[]> usage;
    private final TestOutputTopic<String, byte[]> stats;
    private final AtomicInteger ids = new AtomicInteger();

    CacheTopologyDriver(CacheSettings settings) throws Exception {
        this(settings, null);
    }

    /** @param embedder null for the one the settings name (the real model) */
    CacheTopologyDriver(CacheSettings settings, Embedder embedder) throws Exception {
        ProcessorsConfig config = new ProcessorsConfig(TOPICS, Map.of(
                MODEL, new ModelRoute(MODEL, Operation.CHAT, List.of("sim")),
                "gpt-4o", new ModelRoute("gpt-4o", Operation.CHAT, List.of("sim"))), "cache-test", true, 100,
                "/tmp/unused", 1, null, settings);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cache-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("cache-test").toString());
        driver = new TopologyTestDriver(embedder == null ? GatewayTopology.build(config, clock)
                : GatewayTopology.build(config, clock, List.of(new CacheStage(settings, embedder, clock))), props,
                clock.instant());
        requests = driver.createInputTopic(TOPICS.requests(), new StringSerializer(), new ByteArraySerializer());
        fills = driver.createInputTopic(TOPICS.cacheFill(), new StringSerializer(), new ByteArraySerializer());
        dispatch = driver.createOutputTopic(TOPICS.dispatch(), new StringDeserializer(), new ByteArrayDeserializer());
        replies = driver.createOutputTopic(REPLY_TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
        usage = driver.createOutputTopic(TOPICS.usagePending(), new StringDeserializer(), new ByteArrayDeserializer());
        stats = driver.createOutputTopic(TOPICS.cacheStats(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    static String chat(String userText) {
        return "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                + io.sluice.records.Json.toString(userText) + "}]}";
    }

    Outcome send(String body) {
        return send("team-a", MODEL, body, false, false, Map.of());
    }

    Outcome send(String subscription, String model, String body, boolean stream, boolean includeUsage,
            Map<String, String> attributes) {
        String id = "req_" + ids.incrementAndGet();
        PromptRecord p = new PromptRecord(id, subscription, "key_1", model, Operation.CHAT, stream, includeUsage,
                clock.millis() + 60_000, REPLY_TOPIC, attributes, body.getBytes(StandardCharsets.UTF_8));
        requests.pipeInput(new TestRecord<>(subscription, p.body(), p.toHeaders(), clock.instant()));
        if (!dispatch.isEmpty()) {
            TestRecord<String, byte[]> out = dispatch.readRecord();
            return new Outcome(DispatchRecord.from(out.headers(), out.value()).prompt(), List.of(), null);
        }
        List<ReplyRecord> got = new ArrayList<>();
        while (!replies.isEmpty()) {
            TestRecord<String, byte[]> r = replies.readRecord();
            got.add(ReplyRecord.from(r.headers(), r.value()));
        }
        UsageEvent u = usage.isEmpty() ? null : UsageEvent.fromJson(usage.readValue());
        return new Outcome(null, got, u);
    }

    /** What the egress cache listener writes after {@code dispatched} was answered with {@code content}. */
    void answer(PromptRecord dispatched, String content) {
        if (dispatched.attribute(CacheAttributes.ENTRY) == null) {
            throw new IllegalStateException("this request may not be stored");
        }
        CacheFill fill = new CacheFill(CacheFill.STORE, dispatched.requestId(), dispatched.attribute(CacheAttributes.ENTRY),
                dispatched.attribute(CacheAttributes.SCOPE), dispatched.attribute(CacheAttributes.CONTEXT),
                dispatched.attribute(CacheAttributes.TEXT), dispatched.attribute(CacheAttributes.VECTOR),
                Long.parseLong(dispatched.attribute(CacheAttributes.TTL_MS)), MODEL + "-2024-07-18", content, "stop",
                "fp_1", 12, 30);
        fills.pipeInput(dispatched.attribute(CacheAttributes.PARTITION_KEY), fill.toJsonBytes(), clock.instant());
    }

    /** A miss, then its answer stored. */
    PromptRecord store(String body, String content) {
        return store("team-a", body, content);
    }

    /** A miss of {@code subscription} asking {@code question}, then its answer stored. */
    PromptRecord storeFor(String subscription, String question) {
        return store(subscription, chat(question), "answer to " + question);
    }

    PromptRecord store(String subscription, String body, String content) {
        Outcome o = send(subscription, MODEL, body, false, false, Map.of());
        if (o.hit()) {
            throw new IllegalStateException("expected a miss");
        }
        answer(o.dispatched(), content);
        return o.dispatched();
    }

    void invalidate(String entry, String scopeFilter) {
        fills.pipeInput("any", CacheFill.invalidation(entry, scopeFilter).toJsonBytes(), clock.instant());
    }

    CacheStore store() {
        return (CacheStore) driver.getStateStore(CacheStage.ENTRIES);
    }

    /** Moves both the injected clock and the driver's wall clock (punctuations). */
    void advance(Duration d) {
        clock.advance(d);
        driver.advanceWallClockTime(d);
    }

    Map<String, CacheScopeStats> stats() {
        Map<String, CacheScopeStats> out = new HashMap<>();
        while (!stats.isEmpty()) {
            CacheScopeStats s = CacheScopeStats.fromJson(stats.readValue());
            out.put(s.scope(), s);
        }
        return out;
    }

    @Override
    public void close() {
        driver.close();
    }
}
