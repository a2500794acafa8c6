package io.sluice.processors.cache;

import io.sluice.kafka.KafkaSettings;
import io.sluice.kafka.TopicCatalog;
import io.sluice.kafka.TopicProvisioner;
import io.sluice.processors.ProcessorsConfig;
import io.sluice.processors.ProcessorsRole;
import io.sluice.processors.routing.ModelRoute;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyRecord;
import io.sluice.records.TopicNames;
import io.sluice.records.cache.CacheFill;
import io.sluice.records.cache.CacheScopeStats;
import io.sluice.testing.TestKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fills one partition's cache with 100,000 entries through the cache-fill topic (a real in-JVM
 * broker, exactly-once Streams), then restarts the processors twice and measures the time until the
 * first request is answered from the cache: with the local RocksDB kept (the index is rebuilt from
 * it), and with the state directory deleted (the store is restored from its changelog first).
 * Prints what it measured; no verdict.
 *
 * <pre>mvn -B -q -pl processors test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.sluice.processors.cache.CacheRestoreBenchmark [-Dexec.args=100000]</pre>
 */
public final class CacheRestoreBenchmark {

    private static final TopicNames NAMES = new TopicNames("bench.");
    private static final String REPLIES = NAMES.replies("bench");

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        TestKafka kafka = TestKafka.startPrivate();
        try {
            run(kafka, entries);
        } finally {
            kafka.close();
        }
    }

    private static void run(TestKafka kafka, int entries) throws Exception {
        KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers());
        TopicCatalog catalog = new TopicCatalog(NAMES, 1, (short) 1);
        try (Admin admin = kafka.admin()) {
            List<io.sluice.kafka.TopicSpec> specs = new ArrayList<>(catalog.specs());
            specs.add(catalog.replies("bench"));
            new TopicProvisioner(admin, Duration.ofSeconds(60)).ensure(specs);
        }
        Path state = Files.createTempDirectory("cache-restore-bench");
        CacheSettings cache = new CacheSettings(java.util.Set.of(), java.util.Set.of(), CachePolicy.defaults(),
                List.of(), entries + 10, 500, EmbeddingsSource.local());
        ProcessorsConfig config = new ProcessorsConfig(NAMES, Map.of("m", new ModelRoute("m", Operation.CHAT,
                List.of("b"))), "bench-cache", true, 100, state.toString(), 1, null, cache);
        PromptRecord probe = probe("probe-0");
        CacheKey key = CacheRequest.analyse(probe, CachePolicy.defaults()).key();

        ProcessorsRole role = ProcessorsRole.start(config, settings, Clock.systemUTC(), Duration.ofSeconds(120));
        long t0 = System.nanoTime();
        fill(kafka, key, entries);
        awaitEntries(kafka, entries);
        double fillS = (System.nanoTime() - t0) / 1e9;
        leave(role);
        System.out.printf(Locale.ROOT, "filled %,d entries through the cache-fill topic in %.1f s (%.0f per s); "
                + "RocksDB state on disk: %.1f MB%n", entries, fillS, entries / fillS, size(state) / 1e6);

        for (boolean cold : new boolean[] {false, true}) {
            if (cold) {
                deleteTree(state);
                Files.createDirectories(state);
            }
            long start = System.nanoTime();
            role = ProcessorsRole.start(config, settings, Clock.systemUTC(), Duration.ofSeconds(600));
            double running = (System.nanoTime() - start) / 1e9;
            double hit = firstHit(kafka, "probe-" + (cold ? 2 : 1), start);
            leave(role);
            System.out.printf(Locale.ROOT, "restart with %,d entries, %s: Streams RUNNING after %.1f s, first cache "
                    + "hit answered after %.1f s%n", entries, cold ? "state directory deleted (restore from the "
                    + "changelog, then index rebuild)" : "local RocksDB kept (index rebuild only)", running, hit);
        }
        deleteTree(state);
    }

    /**
     * Closes and leaves the consumer group, so the restart is not held up by the group waiting out
     * the old member's session (45 s by default), which would hide the restore time.
     */
    private static void leave(ProcessorsRole role) {
        role.streams().close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }

    private static PromptRecord probe(String id) {
        return new PromptRecord(id, "bench", "k", "m", Operation.CHAT, false, false, Long.MAX_VALUE, REPLIES,
                Map.of(), "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}"
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static void fill(TestKafka kafka, CacheKey key, int entries) {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        SplittableRandom r = new SplittableRandom(7);
        String content = "Paris is the capital of France. ".repeat(8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < entries; i++) {
                float[] v = new float[384];
                for (int d = 0; d < v.length; d++) {
                    v[d] = (float) r.nextGaussian();
                }
                String entry = i == 0 ? key.entry() : String.format("%064x", i);
                CacheFill f = new CacheFill(CacheFill.STORE, "fill-" + i, entry, key.scope(), key.context(),
                        "synthetic prompt number " + i, VectorCodec.encode(Embedder.unit(v)), 86_400_000L, "m",
                        content, "stop", null, 20, 60);
                producer.send(new ProducerRecord<>(NAMES.cacheFill(), "bench", f.toJsonBytes()));
            }
        }
    }

    private static void awaitEntries(TestKafka kafka, int entries) {
        try (KafkaConsumer<String, byte[]> c = consumer(kafka, "read_committed")) {
            TopicPartition tp = new TopicPartition(NAMES.cacheStats(), 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.currentTimeMillis() + 600_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> rec : c.poll(Duration.ofMillis(500))) {
                    if (rec.value() != null && CacheScopeStats.fromJson(rec.value()).entries() >= entries) {
                        return;
                    }
                }
            }
            throw new IllegalStateException("the cache did not reach " + entries + " entries");
        }
    }

    /** Sends a request the cache answers and returns the seconds from {@code startNanos} to its reply. */
    private static double firstHit(TestKafka kafka, String id, long startNanos) {
        try (KafkaConsumer<String, byte[]> c = consumer(kafka, "read_uncommitted");
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                        new ByteArraySerializer())) {
            TopicPartition tp = new TopicPartition(REPLIES, 0);
            c.assign(List.of(tp));
            c.seekToEnd(List.of(tp));
            c.position(tp);
            PromptRecord p = probe(id);
            producer.send(new ProducerRecord<>(NAMES.requests(), null, "bench", p.body(), p.toHeaders()));
            producer.flush();
            long deadline = System.currentTimeMillis() + 600_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> rec : c.poll(Duration.ofMillis(20))) {
                    ReplyRecord reply = ReplyRecord.from(rec.headers(), rec.value());
                    if (reply.requestId().equals(id)) {
                        if (!"hit".equals(reply.responseHeaders().get("x-sluice-cache"))) {
                            throw new IllegalStateException("expected a cache hit, got " + reply.responseHeaders());
                        }
                        return (System.nanoTime() - startNanos) / 1e9;
                    }
                }
            }
            throw new IllegalStateException("no reply to " + id);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(TestKafka kafka, String isolation) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
