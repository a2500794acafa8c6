package io.sluice.launcher;

import io.sluice.launcher.config.ConfigLoader;
import io.sluice.records.Json;
import io.sluice.records.batch.BatchHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Batch throughput, and what a running batch does to interactive latency, through a whole gateway
 * in this JVM (in-JVM broker, exactly-once processors, egress, simulator with no added latency).
 * Each figure is printed beside its baseline from the same run; no verdict:
 *
 * <ol>
 *   <li>interactive chat requests one at a time: the simulator called directly, then through the
 *       gateway with nothing else running (p50/p90/p99, and p99 added by the gateway);</li>
 *   <li>batch throughput on the Kafka path: {@code lines} lines produced to {@code batch.requests}
 *       at once, lines per second from the first produced to the last result read
 *       (read_committed); then the same through the HTTP Batch API (upload, create, until
 *       {@code completed});</li>
 *   <li>interactive requests again, one at a time, while {@code lines}-line batches run on the Kafka
 *       path (a new batch starts whenever one ends, until {@code requests} were measured), with the
 *       batch throughput meanwhile.</li>
 * </ol>
 *
 * <pre>mvn -B -q -pl launcher test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.sluice.launcher.BatchThroughputBenchmark -Dexec.args="10000 500"</pre>
 *
 * (arguments: lines per batch, default 10000; interactive requests per measurement, default 500).
 * Build the modules first ({@code mvn -B -q -DskipTests install}).
 */
public final class BatchThroughputBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        try (GatewayFixture fx = new GatewayFixture("");
                BatchLoad batches = new BatchLoad(fx.prefix)) {
            String sim = fx.gateway.simulator().baseUrl();
            String gw = fx.baseUrl() + "/v1";
            warm(sim, gw, batches);

            System.out.printf(Locale.ROOT, "%nInteractive chat, one request at a time (n=%d)%n", requests);
            long[] direct = measure(requests, i -> send(sim, "direct " + i, false));
            report("simulator directly", direct, null);
            long[] alone = measure(requests, i -> send(gw, "alone " + i, true));
            report("gateway, no batch running", alone, direct);

            // egress counts interactive traffic as flowing for a second after the last request
            Thread.sleep(1_500);
            System.out.printf(Locale.ROOT, "%nBatch throughput, %d lines, no interactive traffic%n", lines);
            double kafka = batches.run(lines);
            System.out.printf(Locale.ROOT, "%-34s %8.0f lines/s%n", "Kafka path (batch.requests)", kafka);
            double api = batchApi(fx.baseUrl(), lines);
            System.out.printf(Locale.ROOT, "%-34s %8.0f lines/s%n", "HTTP Batch API (upload to completed)", api);

            System.out.printf(Locale.ROOT, "%nInteractive chat while %d-line batches run (Kafka path)%n", lines);
            List<Long> during = new ArrayList<>();
            long linesMeanwhile = 0;
            long nanosMeanwhile = 0;
            int batchesRun = 0;
            while (during.size() < requests) {
                AtomicBoolean running = new AtomicBoolean(true);
                batches.reset();
                Thread batch = new Thread(() -> {
                    try {
                        batches.run(lines);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        running.set(false);
                    }
                }, "bench-batch");
                batch.start();
                batchesRun++;
                batches.awaitFirstResult();
                int seenBefore = batches.seen();
                long t0 = System.nanoTime();
                while (running.get() && during.size() < requests) {
                    long t = System.nanoTime();
                    send(gw, "during " + during.size(), true);
                    during.add(System.nanoTime() - t);
                }
                linesMeanwhile += batches.seen() - seenBefore;
                nanosMeanwhile += System.nanoTime() - t0;
                batch.join();
            }
            long[] withBatch = during.stream().mapToLong(Long::longValue).toArray();
            report("gateway, batch running", withBatch, direct);
            // the count includes lines egress finished before the first result was read (the pipeline lags)
            System.out.printf(Locale.ROOT, "%-34s %8.0f lines/s (%d results read while the interactive requests "
                    + "ran, %d batch(es))%n", "batch throughput meanwhile", linesMeanwhile / (nanosMeanwhile / 1e9),
                    linesMeanwhile, batchesRun);
            System.out.printf(Locale.ROOT, "%ninteractive p99 with a batch running / without: %.2f ms / %.2f ms = "
                    + "%.2fx; p99 added over the simulator directly: %.2f ms / %.2f ms = %.2fx%n",
                    p(withBatch, 0.99), p(alone, 0.99), p(withBatch, 0.99) / p(alone, 0.99),
                    p(withBatch, 0.99) - p(direct, 0.99), p(alone, 0.99) - p(direct, 0.99),
                    (p(withBatch, 0.99) - p(direct, 0.99)) / (p(alone, 0.99) - p(direct, 0.99)));
        }
        System.exit(0);
    }

    private static void warm(String sim, String gw, BatchLoad batches) throws Exception {
        for (int i = 0; i < 200; i++) {
            send(sim, "warm " + i, false);
            send(gw, "warm " + i, true);
        }
        batches.run(2_000);
    }

    /** Lines produced straight to Kafka, and their results read back. */
    private static final class BatchLoad implements AutoCloseable {

        private final String prefix;
        private final KafkaProducer<String, String> producer;
        private final KafkaConsumer<String, byte[]> consumer;
        private volatile boolean firstResult;
        private volatile int seen;
        private int runs;

        BatchLoad(String prefix) {
            this.prefix = prefix;
            String bootstrap = io.sluice.testing.TestKafka.shared().bootstrapServers();
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
            String results = prefix + "batch.results";
            List<TopicPartition> parts = consumer.partitionsFor(results).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
        }

        /** Produces {@code n} lines and reads their {@code n} results; lines per second. */
        double run(int n) {
            reset();
            String tag = "tp" + (runs++) + "-";
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ProducerRecord<String, String> r = new ProducerRecord<>(prefix + "batch.requests", tag + i,
                        BatchApiIT.chatLine(tag + i, "Throughput question " + i));
                r.headers().add(BatchHeaders.API_KEY, ConfigLoader.DEMO_KEY.getBytes(StandardCharsets.UTF_8));
                producer.send(r);
            }
            producer.flush();
            long last = System.nanoTime();
            while (seen < n && System.nanoTime() - last < Duration.ofSeconds(60).toNanos()) {
                for (var rec : consumer.poll(Duration.ofMillis(100))) {
                    if (rec.key() != null && rec.key().startsWith(tag)) {
                        seen = seen + 1;
                        firstResult = true;
                        last = System.nanoTime();
                    }
                }
            }
            if (seen < n) {
                throw new IllegalStateException("only " + seen + " of " + n + " results arrived");
            }
            return n / ((last - t0) / 1e9);
        }

        /** Forgets the last batch's results (before the next one starts). */
        void reset() {
            firstResult = false;
            seen = 0;
        }

        /** Results of the batch that runs now read so far. */
        int seen() {
            return seen;
        }

        /** Waits (up to a minute) until the batch that runs now has its first result. */
        void awaitFirstResult() throws InterruptedException {
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!firstResult && System.nanoTime() < until) {
                Thread.sleep(5);
            }
        }

        @Override
        public void close() {
            producer.close();
            consumer.close();
        }
    }

    /** Uploads {@code n} lines, creates the batch and waits until it has completed; lines per second. */
    private static double batchApi(String base, int n) throws Exception {
        String jsonl = IntStream.range(0, n).mapToObj(i -> BatchApiIT.chatLine("api-" + i, "Batch API question " + i))
                .collect(Collectors.joining("\n"));
        long t0 = System.nanoTime();
        String fileId = Multipart.upload(base, ConfigLoader.DEMO_KEY, "bench.jsonl", jsonl);
        String id = Http.json(Http.call("POST", base + "/v1/batches", ConfigLoader.DEMO_KEY, "{\"input_file_id\":\""
                + fileId + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}")).path("id")
                .asText();
        long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < until) {
            var batch = Http.json(Http.call("GET", base + "/v1/batches/" + id, ConfigLoader.DEMO_KEY, null));
            if (!"in_progress".equals(batch.path("status").asText()) && !"validating".equals(batch.path("status")
                    .asText())) {
                if (batch.path("request_counts").path("completed").asLong() != n) {
                    throw new IllegalStateException("batch ended " + batch);
                }
                return n / ((System.nanoTime() - t0) / 1e9);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("batch " + id + " did not finish in 5 minutes");
    }

    private interface Call {
        void run(int i) throws Exception;
    }

    private static long[] measure(int n, Call call) throws Exception {
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.run(i);
            ns[i] = System.nanoTime() - t;
        }
        return ns;
    }

    /** The {@code q} quantile in milliseconds. */
    private static double p(long[] ns, double q) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, Math.max(0, (int) Math.ceil(s.length * q) - 1))] / 1e6;
    }

    private static void report(String name, long[] ns, long[] direct) {
        System.out.printf(Locale.ROOT, "%-34s n=%d  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms%s%n", name, ns.length,
                p(ns, 0.5), p(ns, 0.9), p(ns, 0.99), direct == null ? ""
                        : String.format(Locale.ROOT, "  (p99 added over the simulator directly: %.2f ms)",
                                p(ns, 0.99) - p(direct, 0.99)));
    }

    private static void send(String base, String question, boolean gateway) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":"
                        + "\"user\",\"content\":" + Json.toString(question) + "}]}"));
        if (gateway) {
            b.header("Authorization", "Bearer " + ConfigLoader.DEMO_KEY);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
    }
}
