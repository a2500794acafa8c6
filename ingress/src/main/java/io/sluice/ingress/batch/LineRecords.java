package io.sluice.ingress.batch;

import io.sluice.ingress.auth.Caller;
import io.sluice.records.Attributes;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.TopicNames;
import io.sluice.records.batch.BatchIds;
import io.sluice.records.batch.BatchInputLine;
import io.sluice.records.batch.BatchLine;
import io.sluice.records.batch.LineError;
import io.sluice.records.governance.GovernanceErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns the lines of an input file into the records of a new batch on the batch lines topic, keyed
 * by the caller's counter key. A line that does not fit (not the batch's endpoint, a model the
 * subscription may not use, malformed) becomes an error line: it takes its place in the batch and
 * ends in the error file.
 */
final class LineRecords {

    private LineRecords() {
    }

    /**
     * @param attributes request facts every line carries (counter key, client address)
     */
    static List<ProducerRecord<String, byte[]>> of(List<JsonlCheck.Line> lines, String batchId, String endpoint,
            Caller caller, long deadlineMs, Map<String, String> attributes, TopicNames topics) {
        Operation batchOperation = BatchInputLine.operationOf(endpoint);
        String counterKey = attributes.get(Attributes.COUNTER_KEY);
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(lines.size());
        for (JsonlCheck.Line raw : lines) {
            BatchInputLine.Parsed parsed = BatchInputLine.parse(raw.bytes());
            BatchInputLine line = parsed.line();
            LineError error = parsed.error();
            if (error == null && !line.url().equals(endpoint)) {
                error = LineError.invalid("invalid_url", "url", "url " + line.url() + " is not the batch's endpoint "
                        + endpoint + "; a batch runs one endpoint");
            }
            if (error == null && !caller.mayUse(line.model())) {
                var e = GovernanceErrors.modelNotAllowed(line.model(), caller.subscriptionId());
                error = LineError.of(e);
            }
            Map<String, String> a = new HashMap<>(attributes);
            if (line != null && line.endUser() != null) {
                a.put(Attributes.END_USER, line.endUser());
            }
            boolean valid = error == null;
            PromptRecord prompt = new PromptRecord(BatchIds.lineRequestId(batchId, raw.number()),
                    caller.subscriptionId(), caller.keyId(), line == null ? "" : line.model(),
                    line == null ? batchOperation : line.operation(), false, false, deadlineMs, topics.batchOutput(), a,
                    valid ? line.body() : new byte[0]);
            String customId = parsed.customId() != null ? parsed.customId() : "line-" + raw.number();
            BatchLine batchLine = new BatchLine(prompt, batchId, customId, raw.number(), error);
            out.add(new ProducerRecord<>(topics.batchLines(), null, counterKey, prompt.body(), batchLine.toHeaders()));
        }
        return out;
    }
}
