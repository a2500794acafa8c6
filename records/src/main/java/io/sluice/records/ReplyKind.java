package io.sluice.records;

/** What a record on a reply topic carries. */
public enum ReplyKind {
    /** A whole non-streaming answer (any status): the value is the HTTP body. */
    RESPONSE,
    /** The value is one server-sent event's data payload of a streamed answer. */
    CHUNK,
    /** A streamed answer finished normally; ingress writes {@code data: [DONE]}. */
    END,
    /** The request ended with an error; the value is an OpenAI error body. */
    ERROR;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ReplyKind fromWire(String s) {
        try {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedRecordException("unknown reply kind '" + s + "'");
        }
    }
}
