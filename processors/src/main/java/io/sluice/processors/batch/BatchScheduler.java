package io.sluice.processors.batch;

import io.sluice.processors.ProcessorsConfig;
import io.sluice.processors.quota.CounterState;
import io.sluice.processors.quota.QuotaStores;
import io.sluice.processors.routing.ModelRoute;
import io.sluice.records.ApiError;
import io.sluice.records.Attributes;
import io.sluice.records.MalformedRecordException;
import io.sluice.records.Operation;
import io.sluice.records.SluiceHeaders;
import io.sluice.records.batch.BatchHeaders;
import io.sluice.records.batch.BatchLine;
import io.sluice.records.batch.BatchOutcome;
import io.sluice.records.batch.BatchState;
import io.sluice.records.batch.LineError;
import io.sluice.records.batch.LineKind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces batch lines and assembles their results, in the task that holds their counter key. From
 * the batch lines topic: a batch opens, a cancel stops its lines, a line runs when its counter's
 * window has room (else it waits in the queue, in order). From the outcomes topic: the first
 * outcome per request id becomes the line's one result and one usage event, settles what the line
 * reserved, and counts for its batch; a repeated outcome (egress redid the line after a restart)
 * finds no outstanding line and is dropped. Every write happens in the task's exactly-once
 * transaction with the stores' changelogs.
 */
final class BatchScheduler implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScheduler.class);
    static final Duration RELEASE_EVERY = Duration.ofMillis(50);
    static final Duration WINDOW_CHECK_EVERY = Duration.ofSeconds(1);
    static final Duration OUTSTANDING_CHECK_EVERY = Duration.ofSeconds(30);
    /** Lines released per counter and per punctuation, so one punctuation never holds the task long. */
    static final int RELEASE_BUDGET = 1_000;
    private static final String CANCELLED_CODE = LineError.cancelled().code();

    private final ProcessorsConfig config;
    private final BatchSettings settings;
    private final boolean shareQuota;
    private final Clock clock;
    private final Map<String, Long> blockedUntil = new HashMap<>();
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> outstanding;
    private LineQueue queue;
    private BatchBook book;
    private Emitter emit;
    private QuotaWindow window;

    BatchScheduler(ProcessorsConfig config, BatchSettings settings, boolean shareQuota, Clock clock) {
        this.config = config;
        this.settings = settings;
        this.shareQuota = shareQuota;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.emit = new Emitter(context, config.topics());
        this.outstanding = context.getStateStore(BatchStores.OUTSTANDING);
        this.queue = new LineQueue(context.getStateStore(BatchStores.QUEUE));
        this.book = new BatchBook(context.getStateStore(BatchStores.PROGRESS), emit);
        if (shareQuota && config.quota() != null) {
            KeyValueStore<String, CounterState> counters = context.getStateStore(QuotaStores.COUNTERS);
            this.window = new CounterWindow(counters, config.quota(), settings.interactiveReserve());
        } else {
            this.window = QuotaWindow.OPEN;
        }
        context.schedule(RELEASE_EVERY, PunctuationType.WALL_CLOCK_TIME, t -> release());
        context.schedule(WINDOW_CHECK_EVERY, PunctuationType.WALL_CLOCK_TIME, t -> {
            endWindows();
            book.publishCounts();
        });
        context.schedule(OUTSTANDING_CHECK_EVERY, PunctuationType.WALL_CLOCK_TIME, t -> expireOutstanding());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        try {
            if (topic.equals(config.topics().batchOutcomes())) {
                outcome(record);
            } else {
                lineRecord(record);
            }
        } catch (MalformedRecordException | IllegalArgumentException e) {
            LOG.warn("dropping a malformed batch record from {}: {}", topic, e.getMessage());
        }
    }

    private void lineRecord(Record<String, byte[]> record) {
        LineKind kind = LineKind.fromWire(SluiceHeaders.get(record.headers(), BatchHeaders.KIND));
        switch (kind) {
            case CREATE -> book.open(BatchState.fromJson(record.value()), nowSeconds());
            case CANCEL -> cancel(SluiceHeaders.require(record.headers(), BatchHeaders.BATCH_ID));
            case LINE -> line(record);
        }
    }

    private void line(Record<String, byte[]> record) {
        BatchLine line = BatchLine.from(record.headers(), record.value());
        if (ended(line)) {
            return;
        }
        String counterKey = counterKey(line, record.key());
        long seq = context.recordMetadata().map(m -> m.offset()).orElse(clock.millis());
        if (queue.waiting(counterKey) || !tryRun(line, counterKey)) {
            queue.add(counterKey, seq, LineCodec.encode(record.headers(), record.value()));
        }
    }

    /** Ends a line that must not run (invalid, its batch stopped, past its deadline, no route); false if it may run. */
    private boolean ended(BatchLine line) {
        if (line.error() != null) {
            settle(line, line.error());
            return true;
        }
        BatchState batch = book.get(line.batchId());
        if (batch != null && batch.stopping()) {
            settle(line, batch.stopError());
            return true;
        }
        if (line.prompt().deadlineEpochMs() <= clock.millis()) {
            if (batch != null) {
                // its batch's window is over: the batch ends expired, whichever line finds out first
                book.change(batch.markExpiring());
            }
            settle(line, LineError.expired());
            return true;
        }
        LineError noRoute = routeError(line);
        if (noRoute != null) {
            settle(line, noRoute);
            return true;
        }
        return false;
    }

    /** Runs the line if its counter's window has room: true when it ran or was refused for good. */
    private boolean tryRun(BatchLine line, String counterKey) {
        long now = clock.millis();
        if (blockedUntil.getOrDefault(counterKey, 0L) > now) {
            return false;
        }
        Grant grant = window.take(counterKey, line.prompt(), now);
        if (grant instanceof Grant.Wait wait) {
            blockedUntil.put(counterKey, wait.untilMs());
            return false;
        }
        if (grant instanceof Grant.Refused refused) {
            settle(line, refused.error());
            return true;
        }
        Grant.Granted granted = (Grant.Granted) grant;
        ModelRoute route = config.models().get(line.prompt().model());
        outstanding.put(line.requestId(), Outstanding.of(line, counterKey, granted).toBytes());
        // breakers are egress's concern for batch lines: a line waits there for a backend, it does not fail here
        emit.dispatch(line, route.plan(backend -> false));
        return true;
    }

    private LineError routeError(BatchLine line) {
        ModelRoute route = config.models().get(line.prompt().model());
        if (route == null) {
            ApiError e = ApiError.modelNotFound(line.prompt().model());
            return new LineError(e.code(), e.message(), "body.model", e.status());
        }
        if (route.operation() != line.prompt().operation()) {
            return LineError.invalid("invalid_request", "url", "the model '" + line.prompt().model() + "' is "
                    + (route.operation() == Operation.EMBEDDINGS ? "an embeddings model; use url /v1/embeddings"
                            : "a chat model; use url /v1/chat/completions"));
        }
        return null;
    }

    /** Punctuation: lines whose counter's window has room again run, oldest first. */
    private void release() {
        long now = clock.millis();
        for (String counterKey : queue.counters()) {
            if (blockedUntil.getOrDefault(counterKey, 0L) > now) {
                continue;
            }
            blockedUntil.remove(counterKey);
            for (LineQueue.Entry e : queue.head(counterKey, RELEASE_BUDGET)) {
                LineCodec.Decoded d = LineCodec.decode(e.stored());
                BatchLine line;
                try {
                    line = BatchLine.from(d.headers(), d.value());
                } catch (MalformedRecordException ex) {
                    queue.remove(counterKey, e);
                    continue;
                }
                if (ended(line) || tryRun(line, counterKey)) {
                    queue.remove(counterKey, e);
                } else {
                    break;
                }
            }
        }
    }

    private void cancel(String batchId) {
        BatchState state = book.get(batchId);
        if (state == null || state.stopping()) {
            return;
        }
        BatchState cancelling = state.with(state.batch().cancelling(nowSeconds()));
        book.change(cancelling);
        drain(cancelling);
    }

    /** Punctuation: batches past their completion window stop; what waits ends as expired. */
    private void endWindows() {
        for (BatchState s : book.windowEnded(nowSeconds())) {
            BatchState expiring = s.markExpiring();
            book.change(expiring);
            drain(expiring);
        }
    }

    /** Ends every waiting line of a stopped batch with the batch's stop error. */
    private void drain(BatchState batch) {
        String counterKey = batch.counterKey();
        if (counterKey == null || !queue.waiting(counterKey)) {
            return;
        }
        for (LineQueue.Entry e : queue.head(counterKey, Integer.MAX_VALUE)) {
            LineCodec.Decoded d = LineCodec.decode(e.stored());
            BatchLine line = BatchLine.from(d.headers(), d.value());
            if (batch.batch().id().equals(line.batchId())) {
                queue.remove(counterKey, e);
                settle(line, batch.stopError());
            }
        }
    }

    private void outcome(Record<String, byte[]> record) {
        BatchOutcome outcome = BatchOutcome.from(record.headers(), record.value());
        byte[] raw = outstanding.get(outcome.line().requestId());
        if (raw == null) {
            LOG.debug("batch line {}: repeated outcome dropped", outcome.line().requestId());
            return;
        }
        outstanding.delete(outcome.line().requestId());
        Outstanding o = Outstanding.fromBytes(raw);
        window.settle(o, actualTokens(outcome, o));
        if (o.reserved() > 0) {
            // tokens came back to the window: lines waiting for it may fit now
            blockedUntil.remove(o.counterKey());
        }
        if (outcome.line().batchId() != null && CANCELLED_CODE.equals(outcome.usage().errorCode())) {
            // egress saw the batch cancelled before this task reached the cancel command (it waits
            // behind the batch's lines): stop dispatching the rest now
            cancel(outcome.line().batchId());
        }
        finish(outcome);
    }

    private static long actualTokens(BatchOutcome outcome, Outstanding o) {
        long prompt = outcome.usage().promptTokens();
        if (prompt == 0 && outcome.succeeded()) {
            prompt = o.promptTokens();
        }
        return prompt + outcome.usage().completionTokens();
    }

    /** A line that never reached egress ends here. */
    private void settle(BatchLine line, LineError error) {
        finish(BatchOutcome.failed(line, error, clock.instant().toString()));
    }

    private void finish(BatchOutcome outcome) {
        emit.result(outcome);
        if (outcome.line().batchId() != null) {
            book.counted(outcome.line().batchId(), outcome.succeeded(), nowSeconds());
        }
    }

    /** Punctuation: lines egress never answered, long past their deadline, end as expired. */
    private void expireOutstanding() {
        long limit = clock.millis() - settings.expiryGrace().toMillis();
        List<KeyValue<String, byte[]>> expired = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = outstanding.all()) {
            while (it.hasNext() && expired.size() < 10_000) {
                KeyValue<String, byte[]> kv = it.next();
                if (Outstanding.fromBytes(kv.value).deadline() <= limit) {
                    expired.add(kv);
                }
            }
        }
        for (KeyValue<String, byte[]> kv : expired) {
            outstanding.delete(kv.key);
            Outstanding o = Outstanding.fromBytes(kv.value);
            window.settle(o, 0);
            LOG.warn("batch line {}: no outcome {} s after its deadline; recorded as expired", kv.key,
                    settings.expiryGrace().toSeconds());
            settle(o.line(), LineError.expired());
        }
    }

    private static String counterKey(BatchLine line, String recordKey) {
        String fromLine = line.prompt().attribute(Attributes.COUNTER_KEY);
        if (fromLine != null) {
            return fromLine;
        }
        return recordKey != null ? recordKey : line.prompt().subscriptionId();
    }

    private long nowSeconds() {
        return clock.instant().getEpochSecond();
    }
}
