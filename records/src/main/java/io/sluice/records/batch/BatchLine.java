package io.sluice.records.batch;

import io.sluice.records.PromptRecord;
import io.sluice.records.SluiceHeaders;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One batch line as it travels between the gateway's roles (batch lines, dispatch.batch, outcomes):
 * the request as a {@link PromptRecord} (its reply topic is where the line's result goes), the batch
 * it belongs to, its {@code custom_id} and line number, and, for a line that failed validation, why.
 *
 * @param batchId the batch, or null for a line produced straight to Kafka without one
 * @param line    the line's number in its file (from 1), or 0 for a line produced straight to Kafka
 * @param error   why the line cannot run, or null
 */
public record BatchLine(PromptRecord prompt, String batchId, String customId, int line, LineError error) {

    public BatchLine {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(customId, "customId");
    }

    public String requestId() {
        return prompt.requestId();
    }

    /** Where the line's result goes. */
    public String destination() {
        return prompt.replyTopic();
    }

    public void writeTo(Headers headers) {
        prompt.writeTo(headers);
        SluiceHeaders.put(headers, BatchHeaders.KIND, LineKind.LINE.wire());
        SluiceHeaders.put(headers, BatchHeaders.BATCH_ID, batchId);
        SluiceHeaders.put(headers, BatchHeaders.CUSTOM_ID, customId);
        SluiceHeaders.put(headers, BatchHeaders.LINE, line);
        SluiceHeaders.put(headers, BatchHeaders.LINE_ERROR, error == null ? null
                : new String(error.toJsonBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A usage event for this line, its identity filled in (mode {@code batch}). */
    public io.sluice.records.UsageEvent.Builder usage() {
        return io.sluice.records.UsageEvent.builder().from(prompt).model(prompt.model().isEmpty() ? null
                : prompt.model()).mode(io.sluice.records.UsageEvent.MODE_BATCH).batchId(batchId).customId(customId);
    }

    public Headers toHeaders() {
        Headers h = new RecordHeaders();
        writeTo(h);
        return h;
    }

    /** Reads a line written by {@link #writeTo}; throws {@code MalformedRecordException} when a header is missing. */
    public static BatchLine from(Headers headers, byte[] body) {
        PromptRecord prompt = PromptRecord.from(headers, body);
        String error = SluiceHeaders.get(headers, BatchHeaders.LINE_ERROR);
        return new BatchLine(prompt, SluiceHeaders.get(headers, BatchHeaders.BATCH_ID),
                SluiceHeaders.require(headers, BatchHeaders.CUSTOM_ID),
                (int) SluiceHeaders.getLong(headers, BatchHeaders.LINE, 0),
                error == null ? null : LineError.fromJson(error.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
