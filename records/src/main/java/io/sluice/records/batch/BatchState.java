package io.sluice.records.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.records.Json;
import java.util.Objects;

/**
 * A batch on the batch state topic: the OpenAI batch object and what the gateway needs besides —
 * who owns it and the counter its lines are paced by. {@code expiring} is set once its completion
 * window has ended with lines still to run.
 *
 * @param writtenAtMs wall-clock time its lines were written to Kafka: its results are on the output
 *                    topic after it (record times are wall-clock, whatever clock the gateway decides by)
 */
public record BatchState(
        @JsonProperty("batch") BatchObject batch,
        @JsonProperty("subscription_id") String subscriptionId,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("counter_key") String counterKey,
        @JsonProperty("expiring") boolean expiring,
        @JsonProperty("written_at_ms") long writtenAtMs) {

    public BatchState {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
    }

    public BatchState with(BatchObject b) {
        return new BatchState(b, subscriptionId, keyId, counterKey, expiring, writtenAtMs);
    }

    public BatchState markExpiring() {
        return new BatchState(batch, subscriptionId, keyId, counterKey, true, writtenAtMs);
    }

    /**
     * What a follower of the batch state topic should hold when {@code incoming} arrives after
     * {@code known}: a batch never leaves {@code cancelling} except to an end, so a state written
     * before its writer saw the cancel (the scheduler publishing counts) keeps the cancel, with the
     * new counts.
     */
    public static BatchState latest(BatchState known, BatchState incoming) {
        if (known == null || incoming == null || !BatchObject.CANCELLING.equals(known.batch().status())
                || incoming.batch().terminal() || BatchObject.CANCELLING.equals(incoming.batch().status())) {
            return incoming;
        }
        return incoming.with(incoming.batch().cancelling(known.batch().cancellingAt()));
    }

    /** Whether new lines of this batch must not run: it was cancelled, or its window ended. */
    public boolean stopping() {
        return expiring || BatchObject.CANCELLING.equals(batch.status()) || batch.terminal();
    }

    /** The error a line gets when it is stopped before it ran. */
    public LineError stopError() {
        return expiring || BatchObject.EXPIRED.equals(batch.status()) ? LineError.expired() : LineError.cancelled();
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static BatchState fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, BatchState.class);
    }
}
