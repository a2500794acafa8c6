package io.sluice.egress.observe;

import io.sluice.records.PromptRecord;

/**
 * Learns of each backend call as it happens (metrics, tracing). Called on the request's event
 * loop: must not block.
 */
@FunctionalInterface
public interface CallObserver {

    /** Observes nothing. */
    CallObserver NONE = (prompt, backend, attempt) -> AttemptWatch.NONE;

    /**
     * Attempt number {@code attempt} (1 first) of {@code prompt} starts on backend {@code backend};
     * the returned watch follows that call.
     */
    AttemptWatch attemptStarted(PromptRecord prompt, String backend, int attempt);
}
