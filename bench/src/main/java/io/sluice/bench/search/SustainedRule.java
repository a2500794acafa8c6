package io.sluice.bench.search;

import io.sluice.bench.load.StepMeasurement;
import io.sluice.bench.metrics.Percentiles;

/**
 * When a step counts as sustained for {@code --find-max}: no errors, p99 within the bound, and at least 95% of the
 * offered rate achieved (a target that falls behind its schedule has not kept up, even without errors).
 */
public record SustainedRule(long maxP99Ms) {
    static final double MIN_ACHIEVED_SHARE = 0.95;

    public boolean sustained(StepMeasurement measurement) {
        Percentiles latency = Percentiles.of(measurement.recorder().latency());
        return measurement.recorder().errorCount() == 0 && latency != null && latency.p99() <= maxP99Ms
                && measurement.achievedPerSecond() >= MIN_ACHIEVED_SHARE * measurement.offeredPerSecond();
    }
}
