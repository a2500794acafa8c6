package io.sluice.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything measured for one target. {@code failure} is set when the target could not be started or reached, or
 * the run stopped early; the steps measured before that are kept.
 */
public record TargetResult(String name, String baseUrl, Map<String, String> facts, String failure,
        WarmupSummary warmup, List<StepResult> steps, FindMaxSummary findMax) {

    public TargetResult {
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        steps = List.copyOf(steps);
    }

    public TargetResult withSteps(List<StepResult> newSteps) {
        return new TargetResult(name, baseUrl, facts, failure, warmup, newSteps, findMax);
    }
}
