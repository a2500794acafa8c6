package io.sluice.bench.target;

/** A target could not be started or reached; the message says why and where its log is. */
public final class TargetStartException extends RuntimeException {
    public TargetStartException(String message) {
        super(message);
    }

    public TargetStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
