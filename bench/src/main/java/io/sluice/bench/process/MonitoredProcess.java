package io.sluice.bench.process;

/** A process whose CPU and memory a step reports, with its role, e.g. {@code gateway} or {@code broker}. */
public record MonitoredProcess(String role, long pid) {
}
