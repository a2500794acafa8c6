package io.sluice.simulator;

/** Run-time knobs of a running simulator; thread-safe, each change applies to requests that start after it. */
public final class SimulatorControls {

    private final SimulatorConfig initial;
    private volatile long latencyMs;
    private volatile double tokensPerSecond;
    private volatile int completionTokens;

    public SimulatorControls(SimulatorConfig config) {
        this.initial = config;
        reset();
    }

    public long latencyMs() {
        return latencyMs;
    }

    public double tokensPerSecond() {
        return tokensPerSecond;
    }

    public int completionTokens() {
        return completionTokens;
    }

    public void setLatencyMs(long latencyMs) {
        SimulatorConfig.requireLatency(latencyMs);
        this.latencyMs = latencyMs;
    }

    public void setTokensPerSecond(double tokensPerSecond) {
        SimulatorConfig.requireTokensPerSecond(tokensPerSecond);
        this.tokensPerSecond = tokensPerSecond;
    }

    public void setCompletionTokens(int completionTokens) {
        SimulatorConfig.requireCompletionTokens(completionTokens);
        this.completionTokens = completionTokens;
    }

    /** Changes all three values, or none when any is invalid. */
    public void update(long latencyMs, double tokensPerSecond, int completionTokens) {
        SimulatorConfig.requireLatency(latencyMs);
        SimulatorConfig.requireTokensPerSecond(tokensPerSecond);
        SimulatorConfig.requireCompletionTokens(completionTokens);
        this.latencyMs = latencyMs;
        this.tokensPerSecond = tokensPerSecond;
        this.completionTokens = completionTokens;
    }

    /** Restores the values the simulator was started with. */
    public void reset() {
        latencyMs = initial.latencyMs();
        tokensPerSecond = initial.tokensPerSecond();
        completionTokens = initial.completionTokens();
    }
}
