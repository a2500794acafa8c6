package io.sluice.processors.stage;

import io.sluice.processors.ProcessorsConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The stages of the interactive path, in order, as the configuration turns them on. */
public final class StageChain {
    private StageChain() {
    }

    /** The standard chain: each capability adds its stage here, in the order requests pass them. */
    public static List<Stage> standard(ProcessorsConfig config, Clock clock) {
        List<Stage> stages = new ArrayList<>();
        return List.copyOf(stages);
    }
}
