package io.sluice.simulator;

/** What a {@link FaultRule} does to a matching request. */
public enum FaultKind {
    /** Answers with an HTTP error status and an OpenAI error body. */
    STATUS,
    /** Never answers: holds the request until the client gives up or the rule's delay elapses. */
    TIMEOUT,
    /** Closes the TCP connection without any response. */
    DROP,
    /** Answers 200 with a body that is not valid JSON. */
    MALFORMED,
    /** For streams: sends some chunks, then closes the connection. */
    DROP_MID_STREAM,
    /** Adds a delay before an otherwise normal answer. */
    SLOW
}
