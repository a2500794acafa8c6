package io.sluice.ingress.batch;

/**
 * Limits of the Files and Batch API.
 *
 * @param maxFileBytes largest upload accepted (413 beyond)
 * @param maxLines     most request lines one file may have
 */
public record BatchIngressSettings(long maxFileBytes, int maxLines) {

    public BatchIngressSettings {
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("batch.max-file-bytes must be at least 1");
        }
        if (maxLines < 1) {
            throw new IllegalArgumentException("batch.max-lines must be at least 1");
        }
    }

    /** 100 MiB and 50,000 lines per file. */
    public static BatchIngressSettings defaults() {
        return new BatchIngressSettings(100L << 20, 50_000);
    }
}
