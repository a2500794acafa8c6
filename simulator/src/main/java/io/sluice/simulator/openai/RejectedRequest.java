package io.sluice.simulator.openai;

/** Thrown while reading a request that the simulator answers with an {@link ApiError}. */
public final class RejectedRequest extends RuntimeException {

    private final ApiError error;

    public RejectedRequest(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
