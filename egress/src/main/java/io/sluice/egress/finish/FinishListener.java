package io.sluice.egress.finish;

import io.sluice.records.PromptRecord;
import io.sluice.records.UsageEvent;

/**
 * Learns of every request egress finishes (success, error or cancellation), after its last reply
 * record and with its usage event. Called on an event loop: must not block.
 */
@FunctionalInterface
public interface FinishListener {

    /**
     * @param answer the whole answer for a 2xx: the response body, or for a stream the data payload
     *               of every chunk in order; null when the request did not succeed
     */
    void finished(PromptRecord prompt, UsageEvent usage, Answer answer);

    /** What the backend answered, for listeners that keep it (a cache). */
    record Answer(int status, byte[] body, java.util.List<byte[]> chunks) {
        public boolean streamed() {
            return chunks != null;
        }
    }
}
