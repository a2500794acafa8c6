package io.sluice.processors.safety;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.records.Json;
import io.sluice.records.PromptRecord;
import io.sluice.records.safety.AuditEvent.Category;
import io.sluice.records.safety.AuditEvent.CheckRun;
import io.sluice.safety.screen.AuditText;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A prompt waiting for its external verdict, as the pending store keeps it: the request as it goes
 * on (already redacted), what the built-in checks found, and when to stop waiting.
 *
 * @param headers    the record's headers, in order, as name/value pairs
 * @param expiresAt  epoch ms after which the stage decides without the verdict (the worker is gone)
 * @param sentAt     epoch ms the check request was written
 */
record PendingPrompt(
        @JsonProperty("key") String key,
        @JsonProperty("timestamp") long timestamp,
        @JsonProperty("headers") List<HeaderValue> headers,
        @JsonProperty("body") byte[] body,
        @JsonProperty("expires_at") long expiresAt,
        @JsonProperty("sent_at") long sentAt,
        @JsonProperty("built_in_ms") double builtInMs,
        @JsonProperty("redacted") boolean redacted,
        @JsonProperty("logged") boolean logged,
        @JsonProperty("runs") List<CheckRun> runs,
        @JsonProperty("categories") List<Category> categories,
        @JsonProperty("text") AuditText text) {

    /** One header. */
    record HeaderValue(@JsonProperty("k") String name, @JsonProperty("v") byte[] value) {
    }

    static PendingPrompt of(Record<String, PromptRecord> record, PromptRecord admitted, long expiresAt, long sentAt,
            double builtInMs, boolean redacted, boolean logged, List<CheckRun> runs, List<Category> categories,
            AuditText text) {
        Headers h = new RecordHeaders(record.headers().toArray());
        admitted.writeTo(h);
        List<HeaderValue> headers = new ArrayList<>();
        for (Header header : h) {
            headers.add(new HeaderValue(header.key(), header.value()));
        }
        return new PendingPrompt(record.key(), record.timestamp(), headers, admitted.body(), expiresAt, sentAt,
                builtInMs, redacted, logged, runs, categories, text);
    }

    /** The request as it goes on. */
    Record<String, PromptRecord> record() {
        Headers h = new RecordHeaders();
        headers.forEach(v -> h.add(v.name(), v.value()));
        return new Record<>(key, PromptRecord.from(h, body), timestamp, h);
    }

    byte[] toJson() {
        return Json.toBytes(this);
    }

    static PendingPrompt fromJson(byte[] bytes) {
        return Json.fromBytes(bytes, PendingPrompt.class);
    }
}
