package io.sluice.simulator;

import java.util.Objects;

/**
 * A fault to inject into matching inference requests: {@code count} -1 means unlimited, {@code model} null matches
 * every model, {@code delayMs} 0 on a TIMEOUT rule means hold forever.
 */
public record FaultRule(FaultKind kind, int status, long retryAfterSeconds, long delayMs, int count,
        double probability, String model, int afterChunks) {

    /** The {@code count} that never runs out. */
    public static final int UNLIMITED = -1;

    public FaultRule {
        Objects.requireNonNull(kind, "kind must be one of " + java.util.Arrays.toString(FaultKind.values()));
        if (kind == FaultKind.STATUS && (status < 400 || status > 599)) {
            throw new IllegalArgumentException(
                    "status must be an HTTP error status 400..599 for a STATUS fault, got " + status);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException(
                    "retryAfterSeconds must be >= 0 (0 sends no Retry-After header), got " + retryAfterSeconds);
        }
        if (delayMs < 0) {
            throw new IllegalArgumentException("delayMs must be >= 0, got " + delayMs);
        }
        if (count != UNLIMITED && count < 1) {
            throw new IllegalArgumentException("count must be >= 1, or -1 for unlimited, got " + count);
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be between 0.0 and 1.0, got " + probability);
        }
        if (model != null && model.isBlank()) {
            throw new IllegalArgumentException("model must be null (every model) or a non-blank model name");
        }
        if (afterChunks < 0) {
            throw new IllegalArgumentException("afterChunks must be >= 0, got " + afterChunks);
        }
    }

    /** Answers with this HTTP error status and an OpenAI error body. */
    public static FaultRule status(int status) {
        return new FaultRule(FaultKind.STATUS, status, 0, 0, UNLIMITED, 1.0, null, 0);
    }

    /** Answers 429 with a {@code Retry-After} header when {@code retryAfterSeconds} is positive. */
    public static FaultRule tooManyRequests(long retryAfterSeconds) {
        return new FaultRule(FaultKind.STATUS, 429, retryAfterSeconds, 0, UNLIMITED, 1.0, null, 0);
    }

    /** Never answers; see {@link #withDelayMs(long)} to close the connection after a while instead. */
    public static FaultRule timeout() {
        return new FaultRule(FaultKind.TIMEOUT, 0, 0, 0, UNLIMITED, 1.0, null, 0);
    }

    /** Closes the connection without any response. */
    public static FaultRule drop() {
        return new FaultRule(FaultKind.DROP, 0, 0, 0, UNLIMITED, 1.0, null, 0);
    }

    /** Answers 200 with a body that is not valid JSON. */
    public static FaultRule malformed() {
        return new FaultRule(FaultKind.MALFORMED, 0, 0, 0, UNLIMITED, 1.0, null, 0);
    }

    /** For streaming requests: sends {@code afterChunks} SSE events, then closes the connection. */
    public static FaultRule dropMidStream(int afterChunks) {
        return new FaultRule(FaultKind.DROP_MID_STREAM, 0, 0, 0, UNLIMITED, 1.0, null, afterChunks);
    }

    /** Adds {@code delayMs} before an otherwise normal answer. */
    public static FaultRule slow(long delayMs) {
        return new FaultRule(FaultKind.SLOW, 0, 0, delayMs, UNLIMITED, 1.0, null, 0);
    }

    /** Applies to the next {@code count} matching requests only. */
    public FaultRule times(int count) {
        return new FaultRule(kind, status, retryAfterSeconds, delayMs, count, probability, model, afterChunks);
    }

    /** Applies to each matching request with this probability. */
    public FaultRule withProbability(double probability) {
        return new FaultRule(kind, status, retryAfterSeconds, delayMs, count, probability, model, afterChunks);
    }

    /** Applies only to requests for this model (on Azure paths, the deployment name). */
    public FaultRule forModel(String model) {
        return new FaultRule(kind, status, retryAfterSeconds, delayMs, count, probability, model, afterChunks);
    }

    /** Sets the delay: extra latency for SLOW, time before closing the connection for TIMEOUT. */
    public FaultRule withDelayMs(long delayMs) {
        return new FaultRule(kind, status, retryAfterSeconds, delayMs, count, probability, model, afterChunks);
    }
}
