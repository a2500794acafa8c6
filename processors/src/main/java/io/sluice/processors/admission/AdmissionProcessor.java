package io.sluice.processors.admission;

import io.sluice.processors.reply.NodeNames;
import io.sluice.processors.reply.Rejection;
import io.sluice.records.ApiError;
import io.sluice.records.Hop;
import io.sluice.records.MalformedRecordException;
import io.sluice.records.Micros;
import io.sluice.records.PromptRecord;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First stage: reads a request off the requests topic, and ends it at once when its deadline has
 * already passed. Hands a {@link PromptRecord} to the next stage.
 */
public final class AdmissionProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionProcessor.class);

    private final Clock clock;
    private final String next;
    private ProcessorContext<String, Object> context;
    private Rejection rejection;

    public AdmissionProcessor(Clock clock, String next) {
        this.clock = clock;
        this.next = next;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.rejection = new Rejection(clock);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Hop.PROCESSORS_IN.stamp(record.headers(), Micros.now(clock));
        PromptRecord prompt;
        try {
            prompt = PromptRecord.from(record.headers(), record.value());
        } catch (MalformedRecordException e) {
            // Without a reply topic there is nobody to answer; the record is not ours.
            LOG.warn("dropping malformed record at offset {} of {}: {}", context.recordMetadata()
                    .map(m -> m.offset()).orElse(-1L), context.recordMetadata().map(m -> m.topic()).orElse("?"),
                    e.getMessage());
            return;
        }
        long remaining = prompt.deadlineEpochMs() - clock.millis();
        if (remaining <= 0) {
            long received = Hop.INGRESS_RECEIVED.read(record.headers()) / 1000;
            rejection.reject(context, record, prompt,
                    ApiError.deadlineExceeded(received > 0 ? prompt.deadlineEpochMs() - received : 0));
            return;
        }
        context.forward(record.withValue(prompt), next);
    }
}
