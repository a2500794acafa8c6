package io.sluice.processors.batch;

import io.sluice.records.batch.BatchLine;
import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Headers;

/**
 * A line that was dispatched and whose outcome has not arrived: its metadata (to record it as
 * expired should egress never answer) and what it reserved of its counter's windows. The first
 * outcome for the line removes it, so a second one is known as a repeat and dropped.
 *
 * @param reserved    tokens taken from the counter's windows (0 when no limit counts tokens)
 * @param minuteStart the minute window they were taken in
 * @param periodStart the quota period they were taken in (0: none)
 */
record Outstanding(byte[] meta, String counterKey, long reserved, long promptTokens, long minuteStart,
        long periodStart, long deadline) {

    private static final byte VERSION = 1;

    static Outstanding of(BatchLine line, String counterKey, Grant.Granted grant) {
        BatchLine bare = new BatchLine(line.prompt().withBody(new byte[0]), line.batchId(), line.customId(),
                line.line(), null);
        return new Outstanding(LineCodec.encode(bare.toHeaders(), new byte[0]), counterKey, grant.reserved(),
                grant.promptTokens(), grant.minuteStart(), grant.periodStart(), line.prompt().deadlineEpochMs());
    }

    BatchLine line() {
        LineCodec.Decoded d = LineCodec.decode(meta);
        return BatchLine.from(d.headers(), d.value());
    }

    Headers headers() {
        return LineCodec.decode(meta).headers();
    }

    byte[] toBytes() {
        byte[] key = counterKey.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + meta.length + 4 + key.length + 5 * Long.BYTES).put(VERSION)
                .putInt(meta.length).put(meta).putInt(key.length).put(key).putLong(reserved).putLong(promptTokens)
                .putLong(minuteStart).putLong(periodStart).putLong(deadline).array();
    }

    static Outstanding fromBytes(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (buf.get() != VERSION) {
            throw new IllegalStateException("unknown outstanding batch line format");
        }
        byte[] meta = new byte[buf.getInt()];
        buf.get(meta);
        byte[] key = new byte[buf.getInt()];
        buf.get(key);
        return new Outstanding(meta, new String(key, java.nio.charset.StandardCharsets.UTF_8), buf.getLong(),
                buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong());
    }
}
