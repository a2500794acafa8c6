package io.sluice.egress.batch;

/**
 * How much of an egress instance batch lines may use.
 *
 * @param maxInFlight                batch lines this instance holds at once (running, or waiting to start)
 * @param runningWhileInteractive    batch lines running at once while interactive requests flow through this
 *                                   instance (any taken on in the last second); when none do, up to maxInFlight
 * @param startsPerSecondWhileInteractive batch lines started per second at most while interactive requests flow
 *                                   (a fast backend turns a few lines at once into many a second)
 * @param yieldAtInteractiveInFlight no batch line starts while this many interactive calls are in flight here
 * @param backendReserve             share (0..0.9) of a backend's declared capacity (its burst) batch lines
 *                                   leave to interactive requests: a line starts only while more is free
 * @param retryBackoffMs             first pause before a line that failed for a passing reason (429, 5xx, no
 *                                   backend available) is tried again; doubles per try
 * @param maxRetryBackoffMs          longest such pause
 * @param callTimeoutMs              longest one try of a line may take (a timed-out try is tried again while the
 *                                   line's window lasts)
 */
public record BatchEgressSettings(int maxInFlight, int runningWhileInteractive, int startsPerSecondWhileInteractive,
        int yieldAtInteractiveInFlight,
        double backendReserve,
        long retryBackoffMs, long maxRetryBackoffMs, long callTimeoutMs) {

    public BatchEgressSettings {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("batch.max-in-flight must be at least 1");
        }
        if (runningWhileInteractive < 1) {
            throw new IllegalArgumentException("batch.running-while-interactive must be at least 1");
        }
        if (startsPerSecondWhileInteractive < 1) {
            throw new IllegalArgumentException("batch.starts-per-second-while-interactive must be at least 1");
        }
        if (yieldAtInteractiveInFlight < 1) {
            throw new IllegalArgumentException("batch.yield-at-interactive-in-flight must be at least 1");
        }
        if (backendReserve < 0 || backendReserve > 0.9) {
            throw new IllegalArgumentException("batch.backend-reserve must be between 0 and 0.9");
        }
        if (retryBackoffMs < 1 || maxRetryBackoffMs < retryBackoffMs) {
            throw new IllegalArgumentException("batch retry backoff must be at least 1 ms and at most its maximum");
        }
        if (callTimeoutMs < 1) {
            throw new IllegalArgumentException("batch.call-timeout-ms must be at least 1");
        }
    }

    public static BatchEgressSettings defaults() {
        return new BatchEgressSettings(256, 8, 100, 512, 0.2, 1_000, 60_000, 600_000);
    }
}
