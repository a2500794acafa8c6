package io.sluice.processors.stage;

import io.sluice.processors.ProcessorsConfig;
import io.sluice.processors.quota.QuotaStage;
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
        if (config.safety() != null) {
            // first: a refused prompt costs no cache lookup, no quota and no backend call; a redacted one is cached redacted
            stages.add(new io.sluice.processors.safety.SafetyStage(config.safety(), clock));
        }
        if (config.cache() != null) {
            // before quota: a hit costs no quota and no backend call (after safety: a blocked prompt never hits)
            stages.add(new io.sluice.processors.cache.CacheStage(config.cache(), clock));
        }
        if (config.quota() != null) {
            // late in the chain: requests a cache or safety stage ends before it cost no quota
            stages.add(new QuotaStage(config.quota(), clock));
        }
        return List.copyOf(stages);
    }
}
