package io.sluice.processors.safety;

import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.safety.SafetyVerdict;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a record of the verdicts topic as a marker {@link PromptRecord} (the stage's processor takes
 * only those): the verdict's request id, and the verdict JSON as its body. The real request is
 * restored from the pending store. A record that is not a verdict fails here, and Streams' handler
 * logs and skips it.
 */
final class VerdictDeserializer implements Deserializer<PromptRecord> {

    /** The attribute that marks a verdict. */
    static final String VERDICT = "safety.verdict";

    @Override
    public PromptRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        String requestId = SafetyVerdict.fromJson(data).requestId();
        if (requestId == null) {
            throw new io.sluice.records.MalformedRecordException("a safety verdict without request_id");
        }
        return new PromptRecord(requestId, "-", "", "-", Operation.CHAT, false, false, Long.MAX_VALUE, "-",
                Map.of(VERDICT, "1"), data);
    }
}
