package io.sluice.processors.quota;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Tokens reserved for one admitted request, kept until its reconciliation arrives (or it expires),
 * so each request is reconciled exactly once.
 *
 * @param minuteStart the minute window the tokens were counted in
 * @param periodStart the quota period they were counted in (0: none)
 * @param expiresAt   epoch ms after which the request can no longer be in flight
 */
public record Reservation(String counterKey, long tokens, long promptTokens, long minuteStart, long periodStart,
        long expiresAt) {

    private static final byte VERSION = 1;

    byte[] toBytes() {
        byte[] key = counterKey.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + Integer.BYTES + key.length + 5 * Long.BYTES).put(VERSION).putInt(key.length)
                .put(key).putLong(tokens).putLong(promptTokens).putLong(minuteStart).putLong(periodStart)
                .putLong(expiresAt).array();
    }

    static Reservation fromBytes(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (buf.get() != VERSION) {
            throw new IllegalStateException("unknown quota reservation format");
        }
        byte[] key = new byte[buf.getInt()];
        buf.get(key);
        return new Reservation(new String(key, StandardCharsets.UTF_8), buf.getLong(), buf.getLong(), buf.getLong(),
                buf.getLong(), buf.getLong());
    }
}
