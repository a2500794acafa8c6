package io.sluice.bench.process;

/**
 * A process's use of the machine during one step: CPU seconds per wall-clock second (1.0 = one core busy), the
 * peak resident set (per step when the kernel let us reset it, else since the process started) and the resident
 * set at the end of the step.
 */
public record ProcessUsage(String role, long pid, double cpuCores, long peakRssBytes, long rssBytes,
        String peakRssScope) {

    public static final String SCOPE_STEP = "step";
    public static final String SCOPE_PROCESS = "process-lifetime";
}
