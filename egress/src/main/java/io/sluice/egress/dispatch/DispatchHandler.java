package io.sluice.egress.dispatch;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Takes on one dispatch record; calls {@code done} exactly once when its work has finished. */
@FunctionalInterface
public interface DispatchHandler {
    void handle(ConsumerRecord<String, byte[]> record, Runnable done);
}
