package io.sluice.ingress.batch;

import io.sluice.kafka.KafkaSettings;
import io.sluice.records.SluiceHeaders;
import io.sluice.records.TopicNames;
import io.sluice.records.batch.BatchFile;
import io.sluice.records.batch.BatchHeaders;
import io.sluice.records.batch.BatchState;
import io.sluice.records.batch.LineKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Files and Batch API keep everything: on Kafka. Each write is one transaction, so an
 * upload (its chunks and its file record) or a new batch (its state, its create command and all
 * its lines) is there whole or not at all. Writes run one at a time on their own thread; reads
 * (file content, a batch's output) use a consumer of their own, committed records only.
 */
final class BatchStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchStore.class);
    static final int CHUNK_BYTES = 512 * 1024;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** Output lines are looked for from this long before the batch's lines were written (clock skew between hosts). */
    private static final long SKEW_MS = 60_000;

    private final KafkaSettings kafka;
    private final TopicNames topics;
    private final String clientId;
    private final ExecutorService writer;
    private Producer<String, byte[]> producer;

    private BatchStore(KafkaSettings kafka, TopicNames topics, String clientId) {
        this.kafka = kafka;
        this.topics = topics;
        this.clientId = clientId;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "batch-store-writer");
            t.setDaemon(true);
            return t;
        });
    }

    static BatchStore start(KafkaSettings kafka, TopicNames topics, String instanceId) {
        BatchStore store = new BatchStore(kafka, topics, topics.prefix() + "ingress-batch-" + instanceId);
        store.producer = store.newProducer();
        return store;
    }

    private Producer<String, byte[]> newProducer() {
        Map<String, Object> p = kafka.hotPathProducer(clientId);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, clientId);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * CHUNK_BYTES);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        Producer<String, byte[]> created = new KafkaProducer<>(p);
        created.initTransactions();
        return created;
    }

    /** A unit of work inside one transaction. */
    @FunctionalInterface
    private interface InTransaction<T> {
        T run(Producer<String, byte[]> producer) throws Exception;
    }

    private <T> CompletableFuture<T> transaction(InTransaction<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                producer.beginTransaction();
                T result = work.run(producer);
                producer.commitTransaction();
                return result;
            } catch (Exception e) {
                recover();
                throw new IllegalStateException("Kafka did not take the write: " + e.getMessage(), e);
            }
        }, writer);
    }

    /** After a failed transaction: abort it, or start over with a new producer when it cannot be aborted. */
    private void recover() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            LOG.warn("batch store: transaction could not be aborted ({}); starting a new producer", e.toString());
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException ignored) {
                // replaced below
            }
            producer = newProducer();
        }
    }

    /** Stores an upload: its content in chunks, then its file record with where the chunks are. */
    CompletableFuture<BatchFile> saveFile(BatchFile file, byte[] content) {
        return transaction(p -> {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (int from = 0, n = 0; from < content.length; from += CHUNK_BYTES, n++) {
                byte[] chunk = Arrays.copyOfRange(content, from, Math.min(content.length, from + CHUNK_BYTES));
                sizes.add(chunk.length);
                sent.add(p.send(new ProducerRecord<>(topics.batchFileContent(), file.id() + "/" + n, chunk)));
            }
            p.flush();
            List<BatchFile.Chunk> chunks = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                RecordMetadata m = sent.get(i).get();
                chunks.add(new BatchFile.Chunk(m.partition(), m.offset(), sizes.get(i)));
            }
            BatchFile stored = new BatchFile(file.id(), file.subscriptionId(), file.filename(), file.purpose(),
                    file.bytes(), file.createdAt(), file.lines(), file.invalidLines(), file.problems(), chunks);
            p.send(new ProducerRecord<>(topics.batchFiles(), file.id(), stored.toJsonBytes())).get();
            return stored;
        });
    }

    /** Deletes an upload: its file record and every chunk (compaction removes them). */
    CompletableFuture<Void> deleteFile(BatchFile file) {
        return transaction(p -> {
            p.send(new ProducerRecord<>(topics.batchFiles(), file.id(), null));
            for (int n = 0; n < file.chunks().size(); n++) {
                p.send(new ProducerRecord<>(topics.batchFileContent(), file.id() + "/" + n, null));
            }
            return null;
        });
    }

    /** A new batch: its state, the create command and its lines, in one transaction. */
    CompletableFuture<Void> createBatch(BatchState state, List<ProducerRecord<String, byte[]>> lines) {
        return transaction(p -> {
            p.send(new ProducerRecord<>(topics.batchState(), state.batch().id(), state.toJsonBytes()));
            Headers h = new RecordHeaders();
            SluiceHeaders.put(h, BatchHeaders.KIND, LineKind.CREATE.wire());
            SluiceHeaders.put(h, BatchHeaders.BATCH_ID, state.batch().id());
            p.send(new ProducerRecord<>(topics.batchLines(), null, state.counterKey(), state.toJsonBytes(), h));
            for (ProducerRecord<String, byte[]> line : lines) {
                p.send(line);
            }
            return null;
        });
    }

    /**
     * Cancels a batch: its {@code cancelling} state, which egress follows (no line of it starts any
     * more) and every ingress shows, and the command that makes its scheduler stop dispatching. The
     * command waits behind the batch's lines on their topic; the state takes effect at once.
     */
    CompletableFuture<Void> cancel(BatchState cancelling) {
        return transaction(p -> {
            p.send(new ProducerRecord<>(topics.batchState(), cancelling.batch().id(), cancelling.toJsonBytes()));
            Headers h = new RecordHeaders();
            SluiceHeaders.put(h, BatchHeaders.KIND, LineKind.CANCEL.wire());
            SluiceHeaders.put(h, BatchHeaders.BATCH_ID, cancelling.batch().id());
            p.send(new ProducerRecord<>(topics.batchLines(), null, cancelling.counterKey(), new byte[0], h));
            return null;
        });
    }

    private KafkaConsumer<String, byte[]> reader() {
        Map<String, Object> props = kafka.hotPathConsumer(clientId + "-reader", null);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * CHUNK_BYTES);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        return new KafkaConsumer<>(props);
    }

    /** An upload's bytes, from its chunks. Blocking. */
    byte[] content(BatchFile file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, file.bytes()));
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            for (BatchFile.Chunk chunk : file.chunks()) {
                TopicPartition tp = new TopicPartition(topics.batchFileContent(), chunk.partition());
                consumer.assign(List.of(tp));
                consumer.seek(tp, chunk.offset());
                out.writeBytes(readAt(consumer, chunk.offset(), file.id()));
            }
        }
        return out.toByteArray();
    }

    private static byte[] readAt(KafkaConsumer<String, byte[]> consumer, long offset, String fileId) {
        long deadline = System.currentTimeMillis() + READ_TIMEOUT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() == offset) {
                    if (r.value() == null) {
                        throw new IllegalStateException("a chunk of file " + fileId + " is gone");
                    }
                    return r.value();
                }
            }
        }
        throw new IllegalStateException("could not read file " + fileId + " from Kafka in time");
    }

    /**
     * The lines of a finished batch's output file (or error file), as JSONL. They are on one
     * partition of the output topic (keyed by batch id), written after the batch was created. Blocking.
     */
    byte[] output(BatchState state, boolean errors) {
        String id = state.batch().id();
        long expected = errors ? state.batch().requestCounts().failed() : state.batch().requestCounts().completed();
        String file = errors ? "error" : "output";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            int partitions = consumer.partitionsFor(topics.batchOutput(), READ_TIMEOUT).size();
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
            TopicPartition tp = new TopicPartition(topics.batchOutput(), partition);
            consumer.assign(List.of(tp));
            long from = state.writtenAtMs() - SKEW_MS;
            OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(tp, from), READ_TIMEOUT).get(tp);
            long end = consumer.endOffsets(List.of(tp), READ_TIMEOUT).get(tp);
            if (start == null) {
                return out.toByteArray();
            }
            consumer.seek(tp, start.offset());
            long found = 0;
            long deadline = System.currentTimeMillis() + READ_TIMEOUT.toMillis();
            while (found < expected && consumer.position(tp) < end && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (id.equals(r.key()) && file.equals(SluiceHeaders.get(r.headers(), BatchHeaders.FILE))) {
                        out.writeBytes(r.value());
                        out.write('\n');
                        found++;
                    }
                }
            }
            if (found < expected) {
                LOG.warn("batch {}: found {} of {} {} lines", id, found, expected, file);
            }
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            // closing anyway
        }
    }
}
