package io.sluice.records.batch;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * A batch as the OpenAI Batch API shows it: status, timestamps (Unix seconds), request counts and
 * its files. Immutable; each change is a new object.
 */
public record BatchObject(
        @JsonProperty("id") String id,
        @JsonProperty("object") String object,
        @JsonProperty("endpoint") String endpoint,
        @JsonProperty("errors") Object errors,
        @JsonProperty("input_file_id") String inputFileId,
        @JsonProperty("completion_window") String completionWindow,
        @JsonProperty("status") String status,
        @JsonProperty("output_file_id") String outputFileId,
        @JsonProperty("error_file_id") String errorFileId,
        @JsonProperty("created_at") long createdAt,
        @JsonProperty("in_progress_at") Long inProgressAt,
        @JsonProperty("expires_at") Long expiresAt,
        @JsonProperty("finalizing_at") Long finalizingAt,
        @JsonProperty("completed_at") Long completedAt,
        @JsonProperty("failed_at") Long failedAt,
        @JsonProperty("expired_at") Long expiredAt,
        @JsonProperty("cancelling_at") Long cancellingAt,
        @JsonProperty("cancelled_at") Long cancelledAt,
        @JsonProperty("request_counts") RequestCounts requestCounts,
        @JsonProperty("metadata") Map<String, String> metadata) {

    public static final String VALIDATING = "validating";
    public static final String IN_PROGRESS = "in_progress";
    public static final String FINALIZING = "finalizing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String EXPIRED = "expired";
    public static final String CANCELLING = "cancelling";
    public static final String CANCELLED = "cancelled";

    public BatchObject {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        object = "batch";
        requestCounts = requestCounts == null ? RequestCounts.of(0) : requestCounts;
    }

    /** A batch just created: validating, with its lines counted. */
    public static BatchObject created(String id, String endpoint, String inputFileId, String window, long createdAt,
            long expiresAt, long lines, Map<String, String> metadata) {
        return new BatchObject(id, "batch", endpoint, null, inputFileId, window, VALIDATING, null, null, createdAt,
                null, expiresAt, null, null, null, null, null, null, RequestCounts.of(lines), metadata);
    }

    /** Whether the batch has reached a status it never leaves. */
    @JsonIgnore
    public boolean terminal() {
        return COMPLETED.equals(status) || FAILED.equals(status) || EXPIRED.equals(status)
                || CANCELLED.equals(status);
    }

    public BatchObject inProgress(long now) {
        return new BatchObject(id, object, endpoint, errors, inputFileId, completionWindow, IN_PROGRESS, outputFileId,
                errorFileId, createdAt, now, expiresAt, finalizingAt, completedAt, failedAt, expiredAt, cancellingAt,
                cancelledAt, requestCounts, metadata);
    }

    public BatchObject cancelling(long now) {
        return new BatchObject(id, object, endpoint, errors, inputFileId, completionWindow, CANCELLING, outputFileId,
                errorFileId, createdAt, inProgressAt, expiresAt, finalizingAt, completedAt, failedAt, expiredAt, now,
                cancelledAt, requestCounts, metadata);
    }

    public BatchObject counted(RequestCounts counts) {
        return new BatchObject(id, object, endpoint, errors, inputFileId, completionWindow, status, outputFileId,
                errorFileId, createdAt, inProgressAt, expiresAt, finalizingAt, completedAt, failedAt, expiredAt,
                cancellingAt, cancelledAt, counts, metadata);
    }

    /**
     * Every line has its result: {@code completed}, or {@code cancelled} / {@code expired} when it was
     * stopped, with the output and error files that have lines.
     */
    public BatchObject finished(String finalStatus, long now) {
        String out = requestCounts.completed() > 0 ? BatchIds.outputFileId(id) : null;
        String err = requestCounts.failed() > 0 ? BatchIds.errorFileId(id) : null;
        return new BatchObject(id, object, endpoint, errors, inputFileId, completionWindow, finalStatus, out, err,
                createdAt, inProgressAt, expiresAt, now, COMPLETED.equals(finalStatus) ? Long.valueOf(now) : null,
                failedAt, EXPIRED.equals(finalStatus) ? Long.valueOf(now) : null, cancellingAt,
                CANCELLED.equals(finalStatus) ? Long.valueOf(now) : null, requestCounts, metadata);
    }
}
