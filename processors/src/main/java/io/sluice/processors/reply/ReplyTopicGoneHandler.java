package io.sluice.processors.reply;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the processors running when a reply cannot be written because its ingress instance and
 * its reply topic are gone: the client that waited for it is gone too. Any other production
 * error stops the stream thread, as Kafka Streams does by default.
 */
public final class ReplyTopicGoneHandler implements ProductionExceptionHandler {

    /** Config key carrying the reply-topic prefix. */
    public static final String REPLIES_PREFIX_CONFIG = "sluice.replies.prefix";
    private static final Logger LOG = LoggerFactory.getLogger(ReplyTopicGoneHandler.class);

    private String repliesPrefix = "sluice.replies.";

    @Override
    public void configure(Map<String, ?> configs) {
        Object prefix = configs.get(REPLIES_PREFIX_CONFIG);
        if (prefix != null) {
            repliesPrefix = prefix.toString();
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        if (record.topic().startsWith(repliesPrefix)) {
            LOG.warn("reply to {} could not be written ({}); its ingress instance is gone", record.topic(),
                    exception.getClass().getSimpleName());
            return Response.resume();
        }
        return Response.fail();
    }
}
