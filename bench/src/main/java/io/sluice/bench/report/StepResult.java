package io.sluice.bench.report;

import io.sluice.bench.load.StepMeasurement;
import io.sluice.bench.metrics.HopSummary;
import io.sluice.bench.metrics.LatencyDelta;
import io.sluice.bench.metrics.Percentiles;
import io.sluice.bench.process.ProcessUsage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one target did in one step. Latencies are in milliseconds from the intended send time; added latencies are
 * this target's percentile minus the direct baseline's at the same step (null without a baseline); {@code sustained}
 * is set for {@code --find-max} steps only.
 */
public record StepResult(String load, String phase, double durationSeconds, double offeredPerSecond,
        double achievedPerSecond, long attempted, long ok, long errors, Map<String, Long> errorsByKind,
        Percentiles latency, Percentiles timeToFirstToken, LatencyDelta addedLatency, LatencyDelta addedTimeToFirstToken,
        List<ProcessUsage> processes, Map<String, HopSummary> hops, Boolean sustained) {

    public static final String PHASE_STEP = "step";
    public static final String PHASE_FIND_MAX = "find-max";

    public StepResult {
        errorsByKind = Collections.unmodifiableMap(new LinkedHashMap<>(errorsByKind));
        processes = List.copyOf(processes);
        hops = Collections.unmodifiableMap(new LinkedHashMap<>(hops));
    }

    public static StepResult of(StepMeasurement m, String phase, List<ProcessUsage> usage, Boolean sustained) {
        return new StepResult(m.step().shape().label(), phase, round(m.elapsedSeconds()),
                round(m.offeredPerSecond()), round(m.achievedPerSecond()), m.recorder().attempted(), m.recorder().ok(),
                m.recorder().errorCount(), m.recorder().errors(),
                Percentiles.of(m.recorder().latency()), Percentiles.of(m.recorder().timeToFirstToken()), null, null,
                usage, m.recorder().hops().summaries(), sustained);
    }

    /** This step with its added latency over the direct baseline's step. */
    public StepResult comparedWith(StepResult baseline) {
        LatencyDelta added = latency != null && baseline.latency != null ? latency.minus(baseline.latency) : null;
        LatencyDelta addedTtft = timeToFirstToken != null && baseline.timeToFirstToken != null
                ? timeToFirstToken.minus(baseline.timeToFirstToken) : null;
        return new StepResult(load, phase, durationSeconds, offeredPerSecond, achievedPerSecond, attempted, ok,
                errors, errorsByKind, latency, timeToFirstToken, added, addedTtft, processes, hops, sustained);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
