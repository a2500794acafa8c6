package io.sluice.records;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * An interactive request as it travels on the requests and dispatch topics. The record value is
 * the OpenAI request body exactly as the backend should receive it (UTF-8 JSON); everything
 * else is carried in {@code sluice-*} headers, so no stage re-encodes a body it need not read.
 *
 * @param attributes request facts later stages may use (client ip, cache-control, traceparent,
 *                   end user); carried as {@code sluice-attr-<name>} headers
 */
public record PromptRecord(
        String requestId,
        String subscriptionId,
        String keyId,
        String model,
        Operation operation,
        boolean stream,
        boolean includeUsage,
        long deadlineEpochMs,
        String replyTopic,
        Map<String, String> attributes,
        byte[] body) {

    public PromptRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(replyTopic, "replyTopic");
        Objects.requireNonNull(body, "body");
        keyId = keyId == null ? "" : keyId;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    /** Prefix of attributes that are HTTP headers for the client's response (rate limits, cache outcome). */
    public static final String RESPONSE_HEADER_ATTRIBUTE = "response.";

    /** Adds a header the client's response will carry, whoever answers the request. */
    public PromptRecord withResponseHeader(String name, String value) {
        return withAttribute(RESPONSE_HEADER_ATTRIBUTE + name.toLowerCase(java.util.Locale.ROOT), value);
    }

    /** The headers stages asked to add to the client's response. */
    public Map<String, String> responseHeaders() {
        Map<String, String> out = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (k.startsWith(RESPONSE_HEADER_ATTRIBUTE)) {
                out.put(k.substring(RESPONSE_HEADER_ATTRIBUTE.length()), v);
            }
        });
        return out;
    }

    public PromptRecord withBody(byte[] newBody) {
        return new PromptRecord(requestId, subscriptionId, keyId, model, operation, stream, includeUsage,
                deadlineEpochMs, replyTopic, attributes, newBody);
    }

    public PromptRecord withAttribute(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        copy.put(name, value);
        return new PromptRecord(requestId, subscriptionId, keyId, model, operation, stream, includeUsage,
                deadlineEpochMs, replyTopic, copy, body);
    }

    /** Writes this record's metadata into {@code headers}, replacing earlier values. */
    public void writeTo(Headers headers) {
        SluiceHeaders.put(headers, SluiceHeaders.REQUEST_ID, requestId);
        SluiceHeaders.put(headers, SluiceHeaders.SUBSCRIPTION, subscriptionId);
        SluiceHeaders.put(headers, SluiceHeaders.KEY_ID, keyId);
        SluiceHeaders.put(headers, SluiceHeaders.MODEL, model);
        SluiceHeaders.put(headers, SluiceHeaders.OPERATION, operation.wireName());
        SluiceHeaders.put(headers, SluiceHeaders.STREAM, Boolean.toString(stream));
        SluiceHeaders.put(headers, SluiceHeaders.INCLUDE_USAGE, Boolean.toString(includeUsage));
        SluiceHeaders.put(headers, SluiceHeaders.DEADLINE, deadlineEpochMs);
        SluiceHeaders.put(headers, SluiceHeaders.REPLY_TO, replyTopic);
        attributes.forEach((k, v) -> SluiceHeaders.put(headers, SluiceHeaders.ATTRIBUTE_PREFIX + k, v));
    }

    public Headers toHeaders() {
        Headers headers = new RecordHeaders();
        writeTo(headers);
        return headers;
    }

    /** Reads a record written by {@link #writeTo}; throws {@link MalformedRecordException} when a header is missing. */
    public static PromptRecord from(Headers headers, byte[] body) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Header h : headers) {
            if (h.key().startsWith(SluiceHeaders.ATTRIBUTE_PREFIX) && h.value() != null) {
                attributes.put(h.key().substring(SluiceHeaders.ATTRIBUTE_PREFIX.length()),
                        SluiceHeaders.get(headers, h.key()));
            }
        }
        Operation op;
        try {
            op = Operation.fromWire(SluiceHeaders.require(headers, SluiceHeaders.OPERATION));
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(e.getMessage());
        }
        return new PromptRecord(
                SluiceHeaders.require(headers, SluiceHeaders.REQUEST_ID),
                SluiceHeaders.require(headers, SluiceHeaders.SUBSCRIPTION),
                SluiceHeaders.get(headers, SluiceHeaders.KEY_ID),
                SluiceHeaders.require(headers, SluiceHeaders.MODEL),
                op,
                Boolean.parseBoolean(SluiceHeaders.get(headers, SluiceHeaders.STREAM)),
                Boolean.parseBoolean(SluiceHeaders.get(headers, SluiceHeaders.INCLUDE_USAGE)),
                SluiceHeaders.getLong(headers, SluiceHeaders.DEADLINE, Long.MAX_VALUE),
                SluiceHeaders.require(headers, SluiceHeaders.REPLY_TO),
                attributes,
                body == null ? new byte[0] : body);
    }
}
