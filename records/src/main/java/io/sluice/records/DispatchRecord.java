package io.sluice.records;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;

/**
 * Admitted work on the dispatch topic: the request, and the backends to try in order.
 */
public record DispatchRecord(PromptRecord prompt, List<String> backends) {

    public DispatchRecord {
        Objects.requireNonNull(prompt, "prompt");
        backends = List.copyOf(backends);
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("a dispatch needs at least one backend");
        }
    }

    public void writeTo(Headers headers) {
        prompt.writeTo(headers);
        SluiceHeaders.put(headers, SluiceHeaders.BACKENDS, String.join(",", backends));
    }

    public static DispatchRecord from(Headers headers, byte[] body) {
        String list = SluiceHeaders.require(headers, SluiceHeaders.BACKENDS);
        List<String> backends = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (backends.isEmpty()) {
            throw new MalformedRecordException("header " + SluiceHeaders.BACKENDS + " names no backend");
        }
        return new DispatchRecord(PromptRecord.from(headers, body), backends);
    }
}
