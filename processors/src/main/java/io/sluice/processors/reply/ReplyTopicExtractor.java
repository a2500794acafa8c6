package io.sluice.processors.reply;

import io.sluice.records.SluiceHeaders;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** Sends a reply to the topic of the ingress instance that holds the client's exchange. */
public final class ReplyTopicExtractor implements TopicNameExtractor<String, byte[]> {

    @Override
    public String extract(String key, byte[] value, RecordContext context) {
        return SluiceHeaders.get(context.headers(), SluiceHeaders.REPLY_TO);
    }

    @Override
    public String toString() {
        return "topic named by the sluice-reply-to header";
    }
}
