package io.sluice.bench.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Adds to every gateway step its latency over the direct target's step of the same load. */
public final class Baselines {
    public static final String BASELINE = "direct";

    private Baselines() {
    }

    public static List<TargetResult> withAddedLatency(List<TargetResult> targets) {
        Map<String, StepResult> baseline = new HashMap<>();
        targets.stream().filter(t -> t.name().equals(BASELINE)).findFirst()
                .ifPresent(direct -> direct.steps().forEach(s -> baseline.put(key(s), s)));
        List<TargetResult> out = new ArrayList<>();
        for (TargetResult target : targets) {
            if (target.name().equals(BASELINE) || baseline.isEmpty()) {
                out.add(target);
                continue;
            }
            List<StepResult> steps = new ArrayList<>();
            for (StepResult step : target.steps()) {
                StepResult base = baseline.get(key(step));
                steps.add(base == null ? step : step.comparedWith(base));
            }
            out.add(target.withSteps(steps));
        }
        return out;
    }

    private static String key(StepResult step) {
        return step.phase() + "|" + step.load();
    }
}
