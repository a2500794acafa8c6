package io.sluice.egress.observe;

import java.util.Map;

/** Follows one backend call: what to send with it, each stream chunk relayed, and how it ended. */
public interface AttemptWatch {

    /** Follows nothing. */
    AttemptWatch NONE = new AttemptWatch() {
    };

    /** Headers to add to the backend request (the trace context). */
    default Map<String, String> outgoingHeaders() {
        return Map.of();
    }

    /** A stream chunk of this call was relayed to the client at {@code epochMicros}. */
    default void chunk(long epochMicros) {
    }

    /**
     * The call ended.
     *
     * @param status  the backend's HTTP status, or 0 when there was none (connection failure, abandoned)
     * @param outcome {@code success}, a failure kind, or why it was abandoned ({@code deadline}, {@code cancelled})
     */
    default void ended(int status, String outcome, long promptTokens, long completionTokens) {
    }
}
