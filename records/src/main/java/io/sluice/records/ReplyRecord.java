package io.sluice.records;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record on an ingress reply topic. The value is raw bytes ingress writes to the client
 * unchanged (a JSON body, or one SSE data payload); metadata travels in headers.
 *
 * @param seq             position of a chunk within its stream, from 0
 * @param responseHeaders HTTP headers ingress adds to the client response (rate limits, cache)
 */
public record ReplyRecord(
        String requestId,
        ReplyKind kind,
        int status,
        int seq,
        Map<String, String> responseHeaders,
        byte[] body) {

    public ReplyRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(kind, "kind");
        responseHeaders = responseHeaders == null ? Map.of() : Map.copyOf(responseHeaders);
        body = body == null ? new byte[0] : body;
    }

    public static ReplyRecord response(String requestId, int status, Map<String, String> headers, byte[] body) {
        return new ReplyRecord(requestId, ReplyKind.RESPONSE, status, 0, headers, body);
    }

    public static ReplyRecord chunk(String requestId, int seq, Map<String, String> headers, byte[] data) {
        return new ReplyRecord(requestId, ReplyKind.CHUNK, 200, seq, headers, data);
    }

    public static ReplyRecord end(String requestId, int seq) {
        return new ReplyRecord(requestId, ReplyKind.END, 200, seq, Map.of(), new byte[0]);
    }

    public static ReplyRecord error(String requestId, ApiError error, Map<String, String> headers) {
        return new ReplyRecord(requestId, ReplyKind.ERROR, error.status(), 0, headers, error.toJsonBytes());
    }

    public void writeTo(Headers headers) {
        SluiceHeaders.put(headers, SluiceHeaders.REQUEST_ID, requestId);
        SluiceHeaders.put(headers, SluiceHeaders.REPLY_KIND, kind.wire());
        SluiceHeaders.put(headers, SluiceHeaders.STATUS, status);
        SluiceHeaders.put(headers, SluiceHeaders.SEQ, seq);
        responseHeaders.forEach((k, v) -> SluiceHeaders.put(headers, SluiceHeaders.RESPONSE_HEADER_PREFIX + k, v));
    }

    public Headers toHeaders() {
        Headers h = new RecordHeaders();
        writeTo(h);
        return h;
    }

    public static ReplyRecord from(Headers headers, byte[] body) {
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        for (Header h : headers) {
            if (h.key().startsWith(SluiceHeaders.RESPONSE_HEADER_PREFIX) && h.value() != null) {
                responseHeaders.put(h.key().substring(SluiceHeaders.RESPONSE_HEADER_PREFIX.length()),
                        SluiceHeaders.get(headers, h.key()));
            }
        }
        return new ReplyRecord(
                SluiceHeaders.require(headers, SluiceHeaders.REQUEST_ID),
                ReplyKind.fromWire(SluiceHeaders.require(headers, SluiceHeaders.REPLY_KIND)),
                (int) SluiceHeaders.getLong(headers, SluiceHeaders.STATUS, 200),
                (int) SluiceHeaders.getLong(headers, SluiceHeaders.SEQ, 0),
                responseHeaders,
                body);
    }
}
