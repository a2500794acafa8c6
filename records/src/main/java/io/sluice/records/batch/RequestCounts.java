package io.sluice.records.batch;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How many lines a batch has, and how many ended well or badly so far. */
public record RequestCounts(
        @JsonProperty("total") long total,
        @JsonProperty("completed") long completed,
        @JsonProperty("failed") long failed) {

    public static RequestCounts of(long total) {
        return new RequestCounts(total, 0, 0);
    }

    public RequestCounts plus(boolean succeeded) {
        return succeeded ? new RequestCounts(total, completed + 1, failed) : new RequestCounts(total, completed,
                failed + 1);
    }

    /** Lines that have their result. */
    public long done() {
        return completed + failed;
    }

    public boolean finished() {
        return done() >= total;
    }
}
