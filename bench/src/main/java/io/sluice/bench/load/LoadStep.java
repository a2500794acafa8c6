package io.sluice.bench.load;

/** One measured (or warm-up) period of load with a single shape. */
public record LoadStep(LoadShape shape, long durationMs) {
    public LoadStep {
        if (shape == null) {
            throw new IllegalArgumentException("shape is required");
        }
        if (durationMs < 1) {
            throw new IllegalArgumentException("durationMs must be >= 1, got " + durationMs);
        }
    }
}
