package io.sluice.records;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Names of the Kafka record headers that carry Sluice metadata on the hot-path topics, and
 * helpers to read and write them. Values are UTF-8 text so that Kafka's console tools show them.
 */
public final class SluiceHeaders {

    public static final String REQUEST_ID = "sluice-request-id";
    public static final String SUBSCRIPTION = "sluice-subscription";
    public static final String KEY_ID = "sluice-key-id";
    public static final String MODEL = "sluice-model";
    public static final String OPERATION = "sluice-op";
    public static final String STREAM = "sluice-stream";
    public static final String INCLUDE_USAGE = "sluice-include-usage";
    public static final String DEADLINE = "sluice-deadline";
    public static final String REPLY_TO = "sluice-reply-to";
    public static final String BACKENDS = "sluice-backends";
    public static final String ROUTE = "sluice-route";
    public static final String ATTRIBUTE_PREFIX = "sluice-attr-";

    public static final String REPLY_KIND = "sluice-reply";
    public static final String STATUS = "sluice-status";
    public static final String SEQ = "sluice-seq";
    public static final String CONTENT_TYPE = "sluice-content-type";
    /** Prefix of headers that ingress copies onto the client's HTTP response. */
    public static final String RESPONSE_HEADER_PREFIX = "sluice-h-";

    private SluiceHeaders() {
    }

    public static void put(Headers headers, String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static void put(Headers headers, String name, long value) {
        put(headers, name, Long.toString(value));
    }

    public static String get(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static String require(Headers headers, String name) {
        String v = get(headers, name);
        if (v == null) {
            throw new MalformedRecordException("missing header " + name);
        }
        return v;
    }

    public static long getLong(Headers headers, String name, long fallback) {
        String v = get(headers, name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new MalformedRecordException("header " + name + " is not a number: " + v);
        }
    }
}
