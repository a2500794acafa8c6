package io.sluice.egress.breaker;

/** The states of a circuit breaker. */
public enum BreakerState {
    /** Calls flow; failures are counted. */
    CLOSED("closed"),
    /** No calls until the open period ends. */
    OPEN("open"),
    /** The open period ended: a few probe calls decide whether it closes or opens again. */
    HALF_OPEN("half_open");

    private final String wireName;

    BreakerState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
