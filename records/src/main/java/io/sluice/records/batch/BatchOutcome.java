package io.sluice.records.batch;

import io.sluice.records.SluiceHeaders;
import io.sluice.records.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What became of one batch line: its output line (the record value) and its usage event, with the
 * line's metadata in headers. Egress writes one when it is done with a line (again after a restart
 * that redoes the line); the batch completion keeps the first per request id.
 *
 * @param status the HTTP status the line ended with
 */
public record BatchOutcome(BatchLine line, int status, byte[] outputLine, UsageEvent usage) {

    public BatchOutcome {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(outputLine, "outputLine");
        Objects.requireNonNull(usage, "usage");
    }

    /** A line that ends without running (invalid, cancelled, expired, refused): its error line and usage event. */
    public static BatchOutcome failed(BatchLine line, LineError error, String timestamp) {
        UsageEvent usage = line.usage().status(error.status()).errorCode(error.code()).timestamp(timestamp).build();
        return new BatchOutcome(line, error.status(), BatchOutputLine.error(line.requestId(), line.customId(), error),
                usage);
    }

    public boolean succeeded() {
        return BatchOutputLine.succeeded(status);
    }

    public Headers toHeaders() {
        BatchLine meta = new BatchLine(line.prompt().withBody(new byte[0]), line.batchId(), line.customId(),
                line.line(), line.error());
        Headers h = new RecordHeaders();
        meta.writeTo(h);
        SluiceHeaders.put(h, SluiceHeaders.STATUS, status);
        SluiceHeaders.put(h, BatchHeaders.USAGE, new String(usage.toJsonBytes(), StandardCharsets.UTF_8));
        return h;
    }

    public static BatchOutcome from(Headers headers, byte[] value) {
        String usage = SluiceHeaders.require(headers, BatchHeaders.USAGE);
        return new BatchOutcome(BatchLine.from(headers, new byte[0]),
                (int) SluiceHeaders.getLong(headers, SluiceHeaders.STATUS, 500), value == null ? new byte[0] : value,
                UsageEvent.fromJson(usage.getBytes(StandardCharsets.UTF_8)));
    }
}
