package io.sluice.records;

/** The OpenAI operations Sluice carries. */
public enum Operation {
    CHAT("chat"),
    EMBEDDINGS("embeddings");

    private final String wireName;

    Operation(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The OpenAI path below {@code /v1} for this operation. */
    public String path() {
        return this == CHAT ? "/chat/completions" : "/embeddings";
    }

    public static Operation fromWire(String name) {
        for (Operation op : values()) {
            if (op.wireName.equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown operation '" + name + "'");
    }
}
