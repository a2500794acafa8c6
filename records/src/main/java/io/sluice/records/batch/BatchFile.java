package io.sluice.records.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.records.Json;
import java.util.List;
import java.util.Objects;

/**
 * An uploaded file on the files topic: the OpenAI file object's fields, its owner, what the upload
 * check found, and where its bytes are on the file-content topic (one record per chunk, in order).
 *
 * @param lines        request lines that passed the check
 * @param invalidLines how many lines failed it; they run as error lines
 * @param problems     the first failures, each naming its line
 */
public record BatchFile(
        @JsonProperty("id") String id,
        @JsonProperty("subscription_id") String subscriptionId,
        @JsonProperty("filename") String filename,
        @JsonProperty("purpose") String purpose,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("created_at") long createdAt,
        @JsonProperty("lines") int lines,
        @JsonProperty("invalid_lines") int invalidLines,
        @JsonProperty("problems") List<String> problems,
        @JsonProperty("chunks") List<Chunk> chunks) {

    /** Where one chunk of the content is. */
    public record Chunk(@JsonProperty("partition") int partition, @JsonProperty("offset") long offset,
            @JsonProperty("bytes") int bytes) {
    }

    public BatchFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        problems = problems == null ? List.of() : List.copyOf(problems);
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(this);
    }

    public static BatchFile fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, BatchFile.class);
    }
}
