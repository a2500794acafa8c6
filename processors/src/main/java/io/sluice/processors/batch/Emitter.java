package io.sluice.processors.batch;

import io.sluice.records.DispatchRecord;
import io.sluice.records.RoutePlan;
import io.sluice.records.SluiceHeaders;
import io.sluice.records.TopicNames;
import io.sluice.records.batch.BatchHeaders;
import io.sluice.records.batch.BatchLine;
import io.sluice.records.batch.BatchOutcome;
import io.sluice.records.batch.BatchState;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What the batch scheduler writes: admitted lines to dispatch, results (to the Batch API's output
 * topic keyed by batch id, or to the line's result topic keyed by custom_id), usage events and
 * batch states. Records carry the wall-clock time, as the broker expects of record timestamps.
 */
final class Emitter {

    private final ProcessorContext<String, byte[]> context;
    private final TopicNames topics;

    Emitter(ProcessorContext<String, byte[]> context, TopicNames topics) {
        this.context = context;
        this.topics = topics;
    }

    void dispatch(BatchLine line, RoutePlan plan) {
        Headers h = line.toHeaders();
        new DispatchRecord(line.prompt(), plan).writeTo(h);
        context.forward(new Record<>(line.requestId(), line.prompt().body(), now(), h), BatchNodes.DISPATCH_SINK);
    }

    /** The line's one result and its one usage event. */
    void result(BatchOutcome outcome) {
        BatchLine line = outcome.line();
        boolean apiBatch = line.batchId() != null && topics.batchOutput().equals(line.destination());
        Headers h = new RecordHeaders();
        SluiceHeaders.put(h, SluiceHeaders.REQUEST_ID, line.requestId());
        SluiceHeaders.put(h, SluiceHeaders.STATUS, outcome.status());
        SluiceHeaders.put(h, BatchHeaders.BATCH_ID, line.batchId());
        SluiceHeaders.put(h, SluiceHeaders.REPLY_TO, line.destination());
        if (apiBatch) {
            SluiceHeaders.put(h, BatchHeaders.FILE, outcome.succeeded() ? "output" : "error");
            SluiceHeaders.put(h, BatchHeaders.LINE, line.line());
        }
        context.forward(new Record<>(apiBatch ? line.batchId() : line.customId(), outcome.outputLine(), now(), h),
                BatchNodes.RESULT_SINK);
        context.forward(new Record<>(outcome.usage().subscriptionId(), outcome.usage().toJsonBytes(), now(),
                new RecordHeaders()), BatchNodes.USAGE_SINK);
    }

    void state(BatchState state) {
        context.forward(new Record<>(state.batch().id(), state.toJsonBytes(), now(), new RecordHeaders()),
                BatchNodes.STATE_SINK);
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
