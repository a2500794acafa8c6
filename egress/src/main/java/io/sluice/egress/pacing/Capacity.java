package io.sluice.egress.pacing;

/**
 * What a backend declares it can take. Zero means no limit.
 *
 * @param burstSeconds how many seconds' worth of the rate may go at once after a quiet spell;
 *                     at most {@code burst + rate x t} is sent in any span {@code t}
 */
public record Capacity(long requestsPerMinute, long tokensPerMinute, double burstSeconds) {

    public static final Capacity UNLIMITED = new Capacity(0, 0, 10);

    public Capacity {
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("capacity.requests-per-minute must be 0 (no limit) or more");
        }
        if (tokensPerMinute < 0) {
            throw new IllegalArgumentException("capacity.tokens-per-minute must be 0 (no limit) or more");
        }
        if (!(burstSeconds > 0 && burstSeconds <= 60)) {
            throw new IllegalArgumentException("capacity.burst-seconds must be more than 0 and at most 60");
        }
    }

    public boolean limited() {
        return requestsPerMinute > 0 || tokensPerMinute > 0;
    }
}
