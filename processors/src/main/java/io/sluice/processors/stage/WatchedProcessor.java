package io.sluice.processors.stage;

import io.sluice.records.PromptRecord;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A node's processor with a {@link StageWatch} around it: the visit starts when the node takes a
 * request and ends at its first forward (so the next node's work is not counted in this one's),
 * or when it returns without forwarding.
 */
public final class WatchedProcessor implements Processor<String, PromptRecord, String, Object> {

    private final String node;
    private final Processor<String, PromptRecord, String, Object> delegate;
    private final StageWatch watch;
    private StageWatch.Visit visit;

    private WatchedProcessor(String node, Processor<String, PromptRecord, String, Object> delegate, StageWatch watch) {
        this.node = node;
        this.delegate = delegate;
        this.watch = watch;
    }

    /** {@code delegate} watched by {@code watch}, or the delegate itself when nothing watches. */
    public static Processor<String, PromptRecord, String, Object> wrap(String node,
            Processor<String, PromptRecord, String, Object> delegate, StageWatch watch) {
        return watch == StageWatch.NONE ? delegate : new WatchedProcessor(node, delegate, watch);
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        delegate.init(new Forwarding(context));
    }

    @Override
    public void process(Record<String, PromptRecord> record) {
        visit = record.value() == null ? null : watch.enter(node, record.value());
        try {
            delegate.process(record);
        } finally {
            leave(null, null);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    private void leave(String child, Object value) {
        StageWatch.Visit v = visit;
        if (v != null) {
            visit = null;
            v.left(child, value);
        }
    }

    /** The node's context, telling the watch when the node forwards. */
    private final class Forwarding implements ProcessorContext<String, Object> {
        private final ProcessorContext<String, Object> context;

        Forwarding(ProcessorContext<String, Object> context) {
            this.context = context;
        }

        @Override
        public <K extends String, V extends Object> void forward(Record<K, V> record) {
            leave("*", record.value());
            context.forward(record);
        }

        @Override
        public <K extends String, V extends Object> void forward(Record<K, V> record, String childName) {
            leave(childName, record.value());
            context.forward(record, childName);
        }

        @Override
        public String applicationId() {
            return context.applicationId();
        }

        @Override
        public TaskId taskId() {
            return context.taskId();
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return context.recordMetadata();
        }

        @Override
        public Serde<?> keySerde() {
            return context.keySerde();
        }

        @Override
        public Serde<?> valueSerde() {
            return context.valueSerde();
        }

        @Override
        public File stateDir() {
            return context.stateDir();
        }

        @Override
        public StreamsMetrics metrics() {
            return context.metrics();
        }

        @Override
        public <S extends StateStore> S getStateStore(String name) {
            return context.getStateStore(name);
        }

        @Override
        public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
            return context.schedule(interval, type, callback);
        }

        @Override
        public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
            return context.schedule(startTime, interval, type, callback);
        }

        @Override
        public void commit() {
            context.commit();
        }

        @Override
        public Map<String, Object> appConfigs() {
            return context.appConfigs();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return context.appConfigsWithPrefix(prefix);
        }

        @Override
        public long currentSystemTimeMs() {
            return context.currentSystemTimeMs();
        }

        @Override
        public long currentStreamTimeMs() {
            return context.currentStreamTimeMs();
        }
    }
}
