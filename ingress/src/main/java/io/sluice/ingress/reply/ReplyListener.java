package io.sluice.ingress.reply;

import io.sluice.ingress.exchange.Exchange;
import io.sluice.ingress.exchange.HopTimings;
import io.sluice.ingress.exchange.PendingExchanges;
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
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this ingress instance's reply topic from its end and hands each record to the exchange
 * waiting for it, on that exchange's event loop. Records for exchanges that already ended are
 * dropped (a duplicate, or a client that went away).
 */
public final class ReplyListener implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyListener.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final PendingExchanges pending;
    private final Clock clock;
    private final Consumer<HopTimings> hopObserver;
    private final Thread thread;
    private volatile boolean running = true;

    public ReplyListener(KafkaConsumer<String, byte[]> consumer, String topic, PendingExchanges pending, Clock clock,
            Consumer<HopTimings> hopObserver) {
        this.consumer = consumer;
        this.topic = topic;
        this.pending = pending;
        this.clock = clock;
        this.hopObserver = hopObserver;
        this.thread = new Thread(this, "ingress-replies");
        this.thread.setDaemon(true);
    }

    /** Positions at the end of the reply topic (older replies belong to exchanges long gone) and starts. */
    public void start() {
        TopicPartition tp = new TopicPartition(topic, 0);
        consumer.assign(List.of(tp));
        consumer.seekToEnd(List.of(tp));
        consumer.position(tp, Duration.ofSeconds(30));
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    route(r);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("reply listener of {} stopped", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
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
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
