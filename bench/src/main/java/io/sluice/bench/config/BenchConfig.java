package io.sluice.bench.config;

import java.util.List;

/** Everything one benchmark run needs, parsed and validated from the command line. */
public record BenchConfig(List<TargetKind> targets, LoadSettings load, FindMaxSettings findMax,
        BackendSettings backend, SluiceSettings sluice, PortkeySettings portkey, CompareSettings compare,
        long startupTimeoutMs, String outDir, List<String> args) {

    public BenchConfig {
        targets = List.copyOf(targets);
        args = List.copyOf(args);
        if (targets.isEmpty()) {
            throw new FlagException("--targets must name at least one target");
        }
        if (targets.contains(TargetKind.COMPARE) && compare.url() == null) {
            throw new FlagException("--targets includes compare but --compare-url is not given");
        }
        if (!findMax.enabled() && load.rates().isEmpty() && load.concurrencies().isEmpty()) {
            throw new FlagException("--rates or --concurrency must give at least one step (or use --find-max)");
        }
        if (startupTimeoutMs < 1_000) {
            throw new FlagException("--startup-timeout must be at least 1s, got " + startupTimeoutMs + "ms");
        }
        if (outDir == null || outDir.isBlank()) {
            throw new FlagException("--out must name a directory");
        }
    }
}
