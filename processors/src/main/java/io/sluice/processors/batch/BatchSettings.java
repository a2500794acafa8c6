package io.sluice.processors.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * What the batch part of the processors needs.
 *
 * @param keys                    authenticates lines produced straight to Kafka
 * @param replyTopics             checks the result topics producers name
 * @param interactiveReserve      share (0..0.9) of every per-minute limit batch lines leave to interactive
 *                                requests of the same subscription
 * @param defaultCompletionWindow how long a line produced straight to Kafka may wait, when it names no window
 * @param expiryGrace             how long past a line's deadline the gateway waits for egress before it
 *                                records the line as expired itself
 */
public record BatchSettings(BatchKeys keys, ReplyTopics replyTopics, double interactiveReserve,
        Duration defaultCompletionWindow, Duration expiryGrace) {

    public BatchSettings {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(replyTopics, "replyTopics");
        Objects.requireNonNull(defaultCompletionWindow, "defaultCompletionWindow");
        Objects.requireNonNull(expiryGrace, "expiryGrace");
        if (interactiveReserve < 0 || interactiveReserve > 0.9) {
            throw new IllegalArgumentException("interactiveReserve must be between 0 and 0.9");
        }
    }

    /** Defaults: a fifth of each per-minute limit kept for interactive requests, a 24 h window. */
    public static BatchSettings defaults(BatchKeys keys, ReplyTopics replyTopics) {
        return new BatchSettings(keys, replyTopics, 0.2, Duration.ofHours(24), Duration.ofMinutes(2));
    }
}
