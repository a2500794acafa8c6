package io.sluice.bench;

import io.sluice.bench.config.LoadSettings;
import io.sluice.bench.load.LoadShape;
import io.sluice.bench.load.LoadStep;
import java.util.ArrayList;
import java.util.List;

/** The fixed steps of a run: open-loop rates first, then closed-loop concurrencies, in the order given. */
final class StepPlan {
    private StepPlan() {
    }

    static List<LoadStep> of(LoadSettings load) {
        List<LoadStep> steps = new ArrayList<>();
        load.rates().forEach(r -> steps.add(new LoadStep(new LoadShape.OpenLoop(r), load.durationMs())));
        load.concurrencies().forEach(c -> steps.add(new LoadStep(new LoadShape.ClosedLoop(c), load.durationMs())));
        return steps;
    }
}
