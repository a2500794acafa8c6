package io.sluice.records;

import org.apache.kafka.common.header.Headers;

/**
 * The points on the path of a request where a timestamp is recorded in a record header
 * (epoch microseconds), so every hop can be measured.
 */
public enum Hop {
    INGRESS_RECEIVED("sluice-t-ingress"),
    PROCESSORS_IN("sluice-t-processors-in"),
    PROCESSORS_OUT("sluice-t-processors-out"),
    EGRESS_IN("sluice-t-egress-in"),
    BACKEND_START("sluice-t-backend-start"),
    BACKEND_FIRST_BYTE("sluice-t-backend-first-byte"),
    BACKEND_END("sluice-t-backend-end"),
    REPLY_SENT("sluice-t-reply-sent");

    private final String header;

    Hop(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    public void stamp(Headers headers, long epochMicros) {
        SluiceHeaders.put(headers, header, epochMicros);
    }

    /** The recorded time in epoch microseconds, or -1 when this hop was not stamped. */
    public long read(Headers headers) {
        return SluiceHeaders.getLong(headers, header, -1);
    }

    /** Copies every hop timestamp present in {@code from} to {@code to}. */
    public static void copyAll(Headers from, Headers to) {
        for (Hop hop : values()) {
            long t = hop.read(from);
            if (t >= 0) {
                hop.stamp(to, t);
            }
        }
    }
}
