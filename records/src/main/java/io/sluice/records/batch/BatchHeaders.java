package io.sluice.records.batch;

/**
 * Record headers of the batch topics. Producers on {@code batch.requests} set the first four; the
 * rest travel between the gateway's own roles with each line.
 */
public final class BatchHeaders {

    /** The API key of a line produced straight to Kafka ({@code Authorization: Bearer <key>} works too). */
    public static final String API_KEY = "sluice-api-key";
    /** Where a line produced straight to Kafka wants its result (default {@code batch.results}). */
    public static final String REPLY_TO = io.sluice.records.SluiceHeaders.REPLY_TO;
    /** Groups lines: the batch a line belongs to (set by the Batch API, or by a producer as a label). */
    public static final String BATCH_ID = "sluice-batch-id";
    /** How long a line produced straight to Kafka may wait, e.g. {@code 24h} (default) or {@code 90m}. */
    public static final String COMPLETION_WINDOW = "sluice-completion-window";

    /** What a record on {@code batch.lines} is: {@code line}, {@code create} or {@code cancel}. */
    public static final String KIND = "sluice-batch-kind";
    /** The line's {@code custom_id}. */
    public static final String CUSTOM_ID = "sluice-custom-id";
    /** The line's number in its input file, from 1. */
    public static final String LINE = "sluice-batch-line";
    /** A line that failed validation before it could run: its error as JSON {@code {code, message, status}}. */
    public static final String LINE_ERROR = "sluice-batch-error";
    /** On an outcome: the line's usage event (JSON). */
    public static final String USAGE = "sluice-usage";
    /** On an outcome written by the gateway itself for a line that never reached egress. */
    public static final String SETTLED = "sluice-batch-settled";
    /** On a record of {@code batch.output}: which file the line belongs to, {@code output} or {@code error}. */
    public static final String FILE = "sluice-batch-file";

    private BatchHeaders() {
    }
}
