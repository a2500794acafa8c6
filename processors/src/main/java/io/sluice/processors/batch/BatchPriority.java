package io.sluice.processors.batch;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Puts batch records behind interactive ones. The batch lines and outcomes share a task with the
 * interactive requests (they share its quota counters), and a task takes the buffered record with
 * the lowest timestamp first; stamping batch records a little into the future means an interactive
 * request waiting in the same task is always taken before them. Record times are the wall clock
 * producers stamp records with (not the gateway's decision clock), and the broker refuses records
 * more than an hour ahead of it.
 */
final class BatchPriority implements TimestampExtractor {

    /** Ahead of any interactive record's time, and far below the broker's one-hour limit. */
    static final long BEHIND_INTERACTIVE_MS = 30_000;

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return Math.max(record.timestamp(), System.currentTimeMillis()) + BEHIND_INTERACTIVE_MS;
    }
}
