package io.sluice.egress.reply;

import io.sluice.records.Hop;
import io.sluice.records.Micros;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyRecord;
import io.sluice.records.TopicNames;
import io.sluice.records.UsageEvent;
import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes reply records to the ingress that waits for them, and usage events. */
public final class ReplyWriter implements ReplySink {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyWriter.class);

    private final Producer<String, byte[]> producer;
    private final Producer<String, byte[]> usageProducer;
    private final TopicNames topics;
    private final Clock clock;

    public ReplyWriter(Producer<String, byte[]> producer, TopicNames topics, Clock clock) {
        this(producer, producer, topics, clock);
    }

    /**
     * Replies go out on {@code producer} (a client waits for them), usage events on
     * {@code usageProducer}, which may batch them because nobody waits.
     */
    public ReplyWriter(Producer<String, byte[]> producer, Producer<String, byte[]> usageProducer, TopicNames topics,
            Clock clock) {
        this.producer = producer;
        this.usageProducer = usageProducer;
        this.topics = topics;
        this.clock = clock;
    }

    /** Sends a reply; hop timestamps recorded so far on the request travel with it. */
    @Override
    public void reply(PromptRecord prompt, Headers hops, ReplyRecord reply) {
        Headers headers = reply.toHeaders();
        Hop.copyAll(hops, headers);
        Hop.REPLY_SENT.stamp(headers, Micros.now(clock));
        producer.send(new ProducerRecord<>(prompt.replyTopic(), null, prompt.requestId(), reply.body(), headers),
                (meta, e) -> {
                    if (e != null) {
                        LOG.warn("request {}: reply to {} failed: {}", prompt.requestId(), prompt.replyTopic(),
                                e.toString());
                    }
                });
    }

    /** Sends the request's usage event to the ledger, which deduplicates it and writes the usage topic. */
    @Override
    public void usage(UsageEvent event) {
        usageProducer.send(new ProducerRecord<>(topics.usagePending(), event.subscriptionId(), event.toJsonBytes()),
                (meta, e) -> {
                    if (e != null) {
                        LOG.error("request {}: usage event could not be written: {}", event.requestId(),
                                e.toString());
                    }
                });
    }
}
