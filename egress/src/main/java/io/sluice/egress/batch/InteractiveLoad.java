package io.sluice.egress.batch;

/** What the batch worker watches of this instance's interactive traffic, to stay out of its way. */
public interface InteractiveLoad {

    /** Interactive calls in flight now. */
    int inFlight();

    /** Interactive requests taken on since start: when it grows, interactive traffic is flowing. */
    long taken();
}
