package io.sluice.processors.reply;

import io.sluice.records.ApiError;
import io.sluice.records.Attributes;
import io.sluice.records.Hop;
import io.sluice.records.Micros;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyRecord;
import io.sluice.records.SluiceHeaders;
import io.sluice.records.UsageEvent;
import io.sluice.records.governance.Reconciliation;
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
        reject(context, in, prompt, error, error.toJsonBytes());
    }

    /** Ends the request with {@code error}'s status and code, answering with {@code body} (a richer error shape). */
    public void reject(ProcessorContext<String, Object> context, Record<String, ?> in, PromptRecord prompt,
            ApiError error, byte[] body) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(prompt.responseHeaders());
        if (error.retryAfterSeconds() > 0) {
            headers.put("retry-after", Long.toString(error.retryAfterSeconds()));
        }
        ReplyRecord reply = new ReplyRecord(prompt.requestId(), io.sluice.records.ReplyKind.ERROR, error.status(), 0,
                headers, body);
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
        String counterKey = prompt.attribute(Attributes.COUNTER_KEY);
        if (prompt.attribute(Attributes.QUOTA_RESERVED) != null && counterKey != null) {
            // a stage after the quota stage ended it: no tokens were used, the reservation returns
            Reconciliation unused = new Reconciliation(prompt.requestId(), counterKey, error.status(), 0, 0);
            context.forward(new Record<String, Object>(counterKey, unused.toJsonBytes(), in.timestamp(),
                    new RecordHeaders()), NodeNames.RECONCILE_SINK);
        }
    }
}
