package io.sluice.bench.report;

import io.sluice.bench.metrics.HopSummary;
import io.sluice.bench.metrics.Percentiles;
import io.sluice.bench.process.ProcessUsage;
import java.util.List;
import java.util.Map;

/** Small report pieces for tests. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static StepResult step(String load, double p50, double p99, Percentiles ttft, Map<String, HopSummary> hops,
            List<ProcessUsage> usage) {
        return new StepResult(load, StepResult.PHASE_STEP, 10, 50, 50, 500, 500, 0, Map.of(),
                new Percentiles(500, p50, p50 * 1.5, p99, p99 * 1.2, p99 * 2, p50), ttft, null, null, usage, hops,
                null);
    }

    static TargetResult target(String name, StepResult... steps) {
        return new TargetResult(name, "http://127.0.0.1:1/v1", Map.of(), null, null, List.of(steps), null);
    }

    static MachineFacts machine() {
        return new MachineFacts(2, 8L << 30, "Test CPU", "17", "vm", "Linux", "Test OS", "0.1 0.1 0.1");
    }
}
