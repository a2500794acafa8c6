package io.sluice.records.batch;

/** What a record on the batch lines topic asks for. */
public enum LineKind {
    /** One request line to run. */
    LINE("line"),
    /** A batch created through the Batch API; its lines follow. */
    CREATE("create"),
    /** Stop dispatching a batch's lines. */
    CANCEL("cancel");

    private final String wire;

    LineKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The kind named in a header; a record without one is a line. */
    public static LineKind fromWire(String s) {
        if (s == null) {
            return LINE;
        }
        for (LineKind k : values()) {
            if (k.wire.equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown batch record kind '" + s + "'");
    }
}
