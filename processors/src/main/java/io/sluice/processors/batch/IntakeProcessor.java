package io.sluice.processors.batch;

import io.sluice.records.ApiError;
import io.sluice.records.Attributes;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.SluiceHeaders;
import io.sluice.records.TopicNames;
import io.sluice.records.batch.BatchHeaders;
import io.sluice.records.batch.BatchIds;
import io.sluice.records.batch.BatchInputLine;
import io.sluice.records.batch.BatchLine;
import io.sluice.records.batch.BatchOutputLine;
import io.sluice.records.batch.CompletionWindow;
import io.sluice.records.batch.LineError;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Takes lines produced straight to Kafka: authenticates the API key in the record's headers,
 * checks the line and the result topic it asks for, names it by its place on the topic, and puts
 * it on the batch lines topic keyed by its counter key (so it is paced where its subscription's
 * counters are). A line whose key is missing or refused gets its error result at once and no usage
 * event, since no subscription can be billed; every other line continues, an invalid one as an
 * error line. The API key goes no further than this processor.
 */
final class IntakeProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final BatchSettings settings;
    private final TopicNames topics;
    private final Clock clock;
    private ProcessorContext<String, byte[]> context;

    IntakeProcessor(BatchSettings settings, TopicNames topics, Clock clock) {
        this.settings = settings;
        this.topics = topics;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        String requestId = BatchIds.topicLineRequestId(meta.partition(), meta.offset());
        Headers in = record.headers();
        BatchInputLine.Parsed parsed = BatchInputLine.parse(record.value() == null ? new byte[0] : record.value());
        String customId = parsed.customId() != null ? parsed.customId()
                : record.key() != null && !record.key().isEmpty() ? record.key() : requestId;
        String label = SluiceHeaders.get(in, BatchHeaders.BATCH_ID);
        String asked = SluiceHeaders.get(in, BatchHeaders.REPLY_TO);
        LineError destinationError = destinationError(asked);
        String destination = asked == null || destinationError != null ? topics.batchResults() : asked;

        String key = presentedKey(in);
        if (key == null) {
            answerUnbilled(requestId, customId, label, destination, ApiError.missingKey());
            return;
        }
        var caller = settings.keys().find(key);
        if (caller.isEmpty()) {
            answerUnbilled(requestId, customId, label, destination, settings.keys().refusal(key));
            return;
        }
        BatchCaller c = caller.get();
        Duration window = settings.defaultCompletionWindow();
        LineError error = parsed.error() != null ? parsed.error() : destinationError;
        String windowHeader = SluiceHeaders.get(in, BatchHeaders.COMPLETION_WINDOW);
        if (windowHeader != null) {
            Duration asked2 = CompletionWindow.parse(windowHeader);
            if (asked2 == null && error == null) {
                error = LineError.invalid("invalid_completion_window", BatchHeaders.COMPLETION_WINDOW,
                        "header " + BatchHeaders.COMPLETION_WINDOW + " must be " + CompletionWindow.rule()
                                + " (got '" + windowHeader + "')");
            } else if (asked2 != null) {
                window = asked2;
            }
        }
        BatchInputLine line = parsed.line();
        if (error == null && !c.mayUse(line.model())) {
            ApiError refused = io.sluice.records.governance.GovernanceErrors.modelNotAllowed(line.model(),
                    c.subscriptionId());
            error = LineError.of(refused);
        }
        String counterKey = c.scope().counterKey(c.subscriptionId(), c.keyId(),
                name -> SluiceHeaders.get(in, name), null);
        Map<String, String> attributes = new HashMap<>();
        attributes.put(Attributes.COUNTER_KEY, counterKey);
        if (line != null && line.endUser() != null) {
            attributes.put(Attributes.END_USER, line.endUser());
        }
        boolean valid = error == null;
        PromptRecord prompt = new PromptRecord(requestId, c.subscriptionId(), c.keyId(),
                valid ? line.model() : modelOrEmpty(line), valid ? line.operation() : operationOr(line),
                false, false, clock.millis() + window.toMillis(), destination, attributes,
                valid ? line.body() : new byte[0]);
        BatchLine out = new BatchLine(prompt, label, customId, 0, error);
        context.forward(new Record<>(counterKey, prompt.body(), System.currentTimeMillis(), out.toHeaders()),
                BatchNodes.INTAKE_LINES_SINK);
    }

    /** Why results cannot go to {@code asked}, or null when they can (or none was asked for). */
    private LineError destinationError(String asked) {
        if (asked == null) {
            return null;
        }
        String param = BatchHeaders.REPLY_TO;
        if (!TOPIC_NAME.matcher(asked).matches()) {
            return LineError.invalid("invalid_reply_topic", param, "header " + param + " must name a topic "
                    + "(letters, digits, '.', '_', '-'; got '" + asked + "')");
        }
        String results = topics.batchResults();
        if (asked.startsWith(topics.prefix()) && !asked.equals(results) && !asked.startsWith(results + ".")) {
            return LineError.invalid("reply_topic_not_allowed", param, "header " + param + " names one of the "
                    + "gateway's own topics (" + asked + "); name your own topic, or one starting with "
                    + results + ".");
        }
        if (!settings.replyTopics().exists(asked)) {
            return LineError.invalid("reply_topic_not_found", param, "the topic '" + asked + "' named in header "
                    + param + " does not exist; create it first. This result went to " + results + ".");
        }
        return null;
    }

    /** A result for a line nobody can be billed for: straight to its result topic. */
    private void answerUnbilled(String requestId, String customId, String label, String destination, ApiError e) {
        LineError error = LineError.of(e);
        Headers h = new RecordHeaders();
        SluiceHeaders.put(h, SluiceHeaders.REQUEST_ID, requestId);
        SluiceHeaders.put(h, SluiceHeaders.STATUS, error.status());
        SluiceHeaders.put(h, BatchHeaders.BATCH_ID, label);
        SluiceHeaders.put(h, SluiceHeaders.REPLY_TO, destination);
        context.forward(new Record<>(customId, BatchOutputLine.error(requestId, customId, error),
                System.currentTimeMillis(), h), BatchNodes.INTAKE_RESULT_SINK);
    }

    /** The key in {@code sluice-api-key}, or in {@code authorization: Bearer <key>}; null when neither. */
    static String presentedKey(Headers headers) {
        String key = SluiceHeaders.get(headers, BatchHeaders.API_KEY);
        if (key != null && !key.isBlank()) {
            return key.trim();
        }
        String auth = SluiceHeaders.get(headers, "authorization");
        if (auth == null) {
            auth = SluiceHeaders.get(headers, "Authorization");
        }
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && !auth.substring(7).isBlank()) {
            return auth.substring(7).trim();
        }
        return null;
    }

    private static String modelOrEmpty(BatchInputLine line) {
        return line == null ? "" : line.model();
    }

    private static Operation operationOr(BatchInputLine line) {
        return line == null ? Operation.CHAT : line.operation();
    }
}
