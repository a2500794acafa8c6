package io.sluice.egress.batch;

import io.sluice.egress.EgressRole;
import io.sluice.egress.call.CallContext;
import io.sluice.egress.dispatch.DispatchConsumer;
import io.sluice.kafka.CompactedTopicView;
import io.sluice.kafka.KafkaSettings;
import io.sluice.records.DispatchRecord;
import io.sluice.records.MalformedRecordException;
import io.sluice.records.TopicNames;
import io.sluice.records.batch.BatchLine;
import io.sluice.records.batch.BatchObject;
import io.sluice.records.batch.BatchOutcome;
import io.sluice.records.batch.BatchState;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch worker of an egress instance: a consumer group on the batch dispatch topic (committed
 * records only) that runs each line through the same backend machinery as interactive requests,
 * within the room interactive traffic leaves, and writes the line's outcome. A line's offset is
 * committed only after its outcome is on Kafka, so a restart redoes unfinished lines; the
 * processors keep the first outcome per line.
 */
public final class BatchWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWorker.class);

    private final TopicNames topics;
    private final BatchEgressSettings settings;
    private final CallContext calls;
    private final Producer<String, byte[]> producer;
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private final Context[] contexts;
    private final AtomicInteger next = new AtomicInteger();
    private LineGate gate;
    private CompactedTopicView states;
    private DispatchConsumer consumer;

    private BatchWorker(TopicNames topics, BatchEgressSettings settings, CallContext calls,
            Producer<String, byte[]> producer) {
        this.topics = topics;
        this.settings = settings;
        this.calls = calls;
        this.producer = producer;
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.contexts = new Context[loops];
        for (int i = 0; i < loops; i++) {
            contexts[i] = calls.vertx().getOrCreateContext();
        }
    }

    /**
     * @param groupId the consumer group every egress instance's batch worker joins
     */
    public static BatchWorker start(BatchEgressSettings settings, TopicNames topics, KafkaSettings kafka,
            EgressRole egress, String instanceId, String groupId) {
        Producer<String, byte[]> producer = new KafkaProducer<>(
                kafka.backgroundProducer("egress-batch-outcomes-" + instanceId, 5));
        BatchWorker w = new BatchWorker(topics, settings, egress.calls(), producer);
        try {
            w.gate = new LineGate(w.calls.vertx(), w.calls.vertx().getOrCreateContext(), new InteractiveLoad() {
                @Override
                public int inFlight() {
                    return egress.inFlight();
                }

                @Override
                public long taken() {
                    return egress.taken();
                }
            }, settings, new BackendHeadroom(w.calls.backends(), settings.backendReserve()), System::nanoTime);
            w.states = CompactedTopicView.start(kafka, topics.batchState(), "egress-batch-states-" + instanceId,
                    w::applyState, Duration.ofSeconds(60));
            Map<String, Object> props = kafka.hotPathConsumer("egress-batch-" + instanceId, groupId);
            // lines are written in the processors' transactions: aborted ones must never run
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxInFlight());
            w.consumer = new DispatchConsumer(new KafkaConsumer<>(props), topics.dispatchBatch(), w::handle,
                    settings.maxInFlight(), "egress-batch");
            w.consumer.start();
            return w;
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    private void applyState(String batchId, byte[] value) {
        if (batchId == null) {
            return;
        }
        if (value == null) {
            stopped.remove(batchId);
            return;
        }
        String status = BatchState.fromJson(value).batch().status();
        // a cancel is final: a state written before its writer saw the cancel does not undo it
        if (BatchObject.CANCELLING.equals(status) || BatchObject.CANCELLED.equals(status)) {
            stopped.add(batchId);
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record, Runnable done) {
        BatchLine line;
        DispatchRecord dispatch;
        try {
            line = BatchLine.from(record.headers(), record.value());
            dispatch = DispatchRecord.from(record.headers(), record.value());
        } catch (MalformedRecordException e) {
            LOG.warn("skipping malformed batch dispatch record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            done.run();
            return;
        }
        Context context = contexts[Math.floorMod(next.getAndIncrement(), contexts.length)];
        gate.submit(new LineRun(line, dispatch, record.headers(), calls, context, settings, stopped::contains,
                outcome -> write(outcome, done)));
    }

    /** Writes the outcome; the line counts as done (its offset may be committed) once Kafka has it. */
    private void write(BatchOutcome outcome, Runnable done) {
        gate.finished();
        String key = outcome.line().prompt().attribute(io.sluice.records.Attributes.COUNTER_KEY);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.batchOutcomes(), null,
                key == null ? outcome.line().prompt().subscriptionId() : key, outcome.outputLine(),
                outcome.toHeaders());
        try {
            producer.send(record, (meta, e) -> {
                if (e == null) {
                    done.run();
                } else {
                    // not marked done: the offset stays uncommitted and the line runs again after a restart
                    LOG.error("batch line {}: outcome not written: {}", outcome.line().requestId(), e.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("batch line {}: outcome not written (stopping?): {}", outcome.line().requestId(), e.toString());
        }
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
        producer.flush();
        producer.close(Duration.ofSeconds(5));
        if (states != null) {
            states.close();
        }
    }
}
