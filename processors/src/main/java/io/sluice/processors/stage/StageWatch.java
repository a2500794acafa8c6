package io.sluice.processors.stage;

import io.sluice.records.PromptRecord;

/**
 * Learns when a node of the interactive path (a stage, routing) takes a request and when it lets
 * it go, so tracing can give each stage its own span. Called on the stream thread: must not block.
 */
@FunctionalInterface
public interface StageWatch {

    /** Watches nothing; the topology runs its processors unwrapped. */
    StageWatch NONE = (node, prompt) -> Visit.NONE;

    /** {@code node} starts work on {@code prompt}; the returned visit learns when it is done with it. */
    Visit enter(String node, PromptRecord prompt);

    /** One node's work on one request. */
    @FunctionalInterface
    interface Visit {
        Visit NONE = (child, value) -> { };

        /**
         * The node forwarded {@code value} to {@code child} (the next node or a sink), or returned
         * without forwarding anything ({@code child} null). Called once, at the first of these.
         */
        void left(String child, Object value);
    }
}
