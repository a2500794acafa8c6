package io.sluice.egress.safety;

/**
 * Checks one streamed answer as its chunks pass. Not thread-safe: one stream's chunks arrive in order
 * on one thread.
 */
public interface StreamGuard {

    /** What to do with a chunk. */
    record Step(boolean stop, byte[] replacement) {
        static final Step CONTINUE = new Step(false, null);

        /** Send {@code finalChunk} instead of the chunk, then end the stream. */
        static Step stop(byte[] finalChunk) {
            return new Step(true, finalChunk);
        }
    }

    /** For requests no policy checks on the answer side. */
    StreamGuard NONE = new StreamGuard() {
        @Override
        public Step onChunk(byte[] chunkPayload) {
            return Step.CONTINUE;
        }

        @Override
        public void onEnd() {
        }
    };

    /**
     * Takes the data payload of one SSE event ({@code data: <payload>}): continue (send it as is),
     * or stop: send {@link Step#replacement()} (a final chunk with {@code finish_reason:
     * "content_filter"}) instead, then end the stream.
     */
    Step onChunk(byte[] chunkPayload);

    /** The stream ended (whole, or broken off) without being stopped here: the decision is recorded. */
    void onEnd();
}
