package io.sluice.records.batch;

import java.security.SecureRandom;

/**
 * Ids of batches, files and batch lines. A line's request id is derived from where the line came
 * from (its batch and line number, or its position on the requests topic), so every role that
 * handles the line again after a restart names it the same way.
 */
public final class BatchIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final String OUTPUT_SUFFIX = "-output";
    private static final String ERRORS_SUFFIX = "-errors";

    private BatchIds() {
    }

    public static String newBatchId() {
        return "batch_" + random(HEX, 24);
    }

    public static String newFileId() {
        return "file-" + random(ALNUM, 24);
    }

    /** The request id of line {@code line} (from 1) of a batch created through the Batch API. */
    public static String lineRequestId(String batchId, int line) {
        return "batch_req_" + batchId.substring(batchId.indexOf('_') + 1) + "_" + line;
    }

    /** The request id of a line produced straight to Kafka, from its place on the requests topic. */
    public static String topicLineRequestId(int partition, long offset) {
        return "batch_req_kafka_" + partition + "_" + offset;
    }

    /** The file of a batch's successful lines. */
    public static String outputFileId(String batchId) {
        return "file-" + batchId + OUTPUT_SUFFIX;
    }

    /** The file of a batch's failed lines. */
    public static String errorFileId(String batchId) {
        return "file-" + batchId + ERRORS_SUFFIX;
    }

    /** The batch whose output or error file {@code fileId} is, or null for an uploaded file. */
    public static String batchOfResultFile(String fileId) {
        if (fileId == null || !fileId.startsWith("file-batch_")) {
            return null;
        }
        if (fileId.endsWith(OUTPUT_SUFFIX)) {
            return fileId.substring(5, fileId.length() - OUTPUT_SUFFIX.length());
        }
        return fileId.endsWith(ERRORS_SUFFIX) ? fileId.substring(5, fileId.length() - ERRORS_SUFFIX.length()) : null;
    }

    /** Whether {@code fileId} is a batch's error file (else its output file). */
    public static boolean isErrorFile(String fileId) {
        return fileId.endsWith(ERRORS_SUFFIX);
    }

    private static String random(char[] alphabet, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(c);
    }
}
