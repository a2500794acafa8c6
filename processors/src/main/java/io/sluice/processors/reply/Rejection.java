package io.sluice.processors.reply;

import io.sluice.records.ApiError;
import io.sluice.records.Hop;
import io.sluice.records.Micros;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyRecord;
import io.sluice.records.SluiceHeaders;
import io.sluice.records.UsageEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Ends a request inside the processors: the client gets the error on its ingress reply topic and
 * the request yields its one usage event.
 */
public final class Rejection {

    private final Clock clock;

    public Rejection(Clock clock) {
        this.clock = clock;
    }

    public void reject(ProcessorContext<String, Object> context, Record<String, ?> in, PromptRecord prompt,
            ApiError error) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(prompt.responseHeaders());
        if (error.retryAfterSeconds() > 0) {
            headers.put("retry-after", Long.toString(error.retryAfterSeconds()));
        }
        ReplyRecord reply = ReplyRecord.error(prompt.requestId(), error, headers);
        Headers replyHeaders = reply.toHeaders();
        SluiceHeaders.put(replyHeaders, SluiceHeaders.REPLY_TO, prompt.replyTopic());
        Hop.copyAll(in.headers(), replyHeaders);
        long nowMicros = Micros.now(clock);
        Hop.REPLY_SENT.stamp(replyHeaders, nowMicros);
        context.forward(new Record<String, Object>(prompt.requestId(), reply.body(), in.timestamp(), replyHeaders),
                NodeNames.REPLY_SINK);

        long received = Hop.INGRESS_RECEIVED.read(in.headers());
        UsageEvent usage = UsageEvent.builder()
                .from(prompt)
                .status(error.status())
                .errorCode(error.code())
                .latencyMs(received > 0 ? (nowMicros - received) / 1000.0 : 0)
                .timestamp(Instant.now(clock).toString())
                .build();
        context.forward(new Record<String, Object>(prompt.subscriptionId(), usage.toJsonBytes(), in.timestamp(),
                new RecordHeaders()), NodeNames.USAGE_SINK);
    }
}
