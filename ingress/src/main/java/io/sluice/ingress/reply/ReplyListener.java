package io.sluice.ingress.reply;

import io.sluice.ingress.exchange.Exchange;
import io.sluice.ingress.exchange.HopTimings;
import io.sluice.ingress.exchange.PendingExchanges;
import io.sluice.kafka.ConsumerLoop;
import io.sluice.records.MalformedRecordException;
import io.sluice.records.Micros;
import io.sluice.records.ReplyKind;
import io.sluice.records.ReplyRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this ingress instance's reply topic from its end and hands each record to the exchange
 * waiting for it, on that exchange's event loop. Records for exchanges that already ended are
 * dropped (a duplicate, or a client that went away).
 */
public final class ReplyListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyListener.class);

    private final String topic;
    private final PendingExchanges pending;
    private final Clock clock;
    private final Consumer<HopTimings> hopObserver;
    private final ConsumerLoop loop;

    public ReplyListener(KafkaConsumer<String, byte[]> consumer, String topic, PendingExchanges pending, Clock clock,
            Consumer<HopTimings> hopObserver) {
        this.topic = topic;
        this.pending = pending;
        this.clock = clock;
        this.hopObserver = hopObserver;
        this.loop = ConsumerLoop.of(consumer, "ingress-replies")
                .onRecord(this::route)
                .stoppedMessage("reply listener of " + topic + " stopped")
                .build();
    }

    /** Positions at the end of the reply topic (older replies belong to exchanges long gone) and starts. */
    public void start() {
        loop.startFromEnd(List.of(new TopicPartition(topic, 0)), Duration.ofSeconds(30));
    }

    private void route(ConsumerRecord<String, byte[]> r) {
        long readMicros = Micros.now(clock);
        Exchange exchange = r.key() == null ? null : pending.get(r.key());
        if (exchange == null) {
            return;
        }
        ReplyRecord reply;
        try {
            reply = ReplyRecord.from(r.headers(), r.value());
        } catch (MalformedRecordException e) {
            LOG.warn("request {}: malformed reply record: {}", r.key(), e.getMessage());
            return;
        }
        HopTimings timings = reply.kind() == ReplyKind.CHUNK && reply.seq() > 0 || reply.kind() == ReplyKind.END
                ? null : HopTimings.from(r.headers(), readMicros);
        if (timings != null) {
            hopObserver.accept(timings);
        }
        exchange.context().runOnContext(v -> exchange.deliver(reply, timings));
    }

    @Override
    public void close() {
        loop.close();
    }
}
