package io.sluice.launcher.config;

import io.sluice.egress.batch.BatchEgressSettings;
import io.sluice.ingress.batch.BatchIngressSettings;
import io.sluice.records.batch.CompletionWindow;
import java.time.Duration;

/** Reads the {@code batch} section: the Batch API, the batch topics and the batch worker; on by default. */
public final class BatchSection {

    private BatchSection() {
    }

    /**
     * Batch lines as configured.
     *
     * @param interactiveReserve      share of each per-minute subscription limit batch lines leave to interactive requests
     * @param defaultCompletionWindow window of a line produced straight to Kafka that names none
     */
    public record Batch(boolean enabled, BatchIngressSettings ingress, BatchEgressSettings egress,
            double interactiveReserve, Duration defaultCompletionWindow) {
    }

    static Batch read(ConfigNode root) {
        ConfigNode b = root.child("batch").allowOnly("enabled", "max-file-bytes", "max-lines", "interactive-reserve",
                "backend-reserve", "max-in-flight", "running-while-interactive", "starts-per-second-while-interactive",
                "yield-at-interactive-in-flight", "default-completion-window",
                "retry-backoff-ms", "max-retry-backoff-ms", "call-timeout-ms");
        String window = b.string("default-completion-window", "24h");
        Duration duration = CompletionWindow.parse(window);
        if (duration == null) {
            throw b.error("default-completion-window", "must be " + CompletionWindow.rule() + " (got '" + window
                    + "')");
        }
        long backoff = b.longValue("retry-backoff-ms", 1_000, 1, 3_600_000);
        long maxBackoff = b.longValue("max-retry-backoff-ms", Math.max(60_000, backoff), 1, 3_600_000);
        if (maxBackoff < backoff) {
            throw b.error("max-retry-backoff-ms", "must be at least retry-backoff-ms (" + backoff + ")");
        }
        BatchEgressSettings egress = new BatchEgressSettings(b.integer("max-in-flight", 256, 1, 100_000),
                b.integer("running-while-interactive", 8, 1, 100_000),
                b.integer("starts-per-second-while-interactive", 100, 1, 1_000_000),
                b.integer("yield-at-interactive-in-flight", 512, 1, 1_000_000), b.decimal("backend-reserve", 0.2, 0, 0.9),
                backoff, maxBackoff, b.longValue("call-timeout-ms", 600_000, 1_000, 86_400_000));
        BatchIngressSettings ingress = new BatchIngressSettings(b.longValue("max-file-bytes", 100L << 20, 1_024,
                1L << 31), b.integer("max-lines", 50_000, 1, 1_000_000));
        return new Batch(b.bool("enabled", true), ingress, egress, b.decimal("interactive-reserve", 0.2, 0, 0.9),
                duration);
    }
}
