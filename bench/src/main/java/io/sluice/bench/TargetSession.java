package io.sluice.bench;

import io.sluice.bench.config.BenchConfig;
import io.sluice.bench.config.Durations;
import io.sluice.bench.config.TargetKind;
import io.sluice.bench.load.LoadGenerator;
import io.sluice.bench.load.LoadShape;
import io.sluice.bench.load.LoadStep;
import io.sluice.bench.load.RequestTemplate;
import io.sluice.bench.load.StepMeasurement;
import io.sluice.bench.metrics.Percentiles;
import io.sluice.bench.process.MonitoredProcess;
import io.sluice.bench.process.ProcessUsage;
import io.sluice.bench.process.UsageSampler;
import io.sluice.bench.report.FindMaxSummary;
import io.sluice.bench.report.StepResult;
import io.sluice.bench.report.TargetResult;
import io.sluice.bench.report.WarmupSummary;
import io.sluice.bench.search.MaxRateSearch;
import io.sluice.bench.search.SustainedRule;
import io.sluice.bench.target.Target;
import io.sluice.bench.target.Targets;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** Measures one target: start it, check it answers, warm it up, run the steps (or the search), stop it. */
final class TargetSession {
    private static final String BENCH_JVM = "bench-jvm";

    private final BenchConfig config;
    private final Targets targets;
    private final UsageSampler sampler;
    private final PrintStream progress;

    TargetSession(BenchConfig config, Targets targets, UsageSampler sampler, PrintStream progress) {
        this.config = config;
        this.targets = targets;
        this.sampler = sampler;
        this.progress = progress;
    }

    TargetResult measure(TargetKind kind) {
        String name = targets.nameOf(kind);
        progress.printf("[%s] starting%n", name);
        Target target;
        try {
            target = targets.open(kind);
        } catch (RuntimeException e) {
            progress.printf("[%s] could not start: %s%n", name, e.getMessage());
            return new TargetResult(name, null, Map.of(), "could not start: " + e.getMessage(), null, List.of(), null);
        }
        RequestTemplate template = RequestTemplate.chat(target.baseUrl(), target.headers(), config.load().model(),
                config.load().stream());
        Results results = new Results();
        try (target; LoadGenerator generator = new LoadGenerator(config.load(), template)) {
            String probe;
            try {
                probe = generator.probe();
            } catch (RuntimeException e) {
                progress.printf("[%s] a first request failed: %s%n", name, e.getMessage());
                return results.failed(target, "a first request failed: " + e.getMessage());
            }
            if (!probe.startsWith("200 ")) {
                progress.printf("[%s] a first request was answered %s%n", name, probe);
                return results.failed(target, "a first request was answered " + probe);
            }
            List<MonitoredProcess> processes = new ArrayList<>(target.processes());
            processes.add(new MonitoredProcess(BENCH_JVM, ProcessHandle.current().pid()));
            results.warmup = warmUp(name, generator);
            if (config.findMax().enabled()) {
                results.findMax = findMax(name, generator, processes, results.steps);
            } else {
                for (LoadStep step : StepPlan.of(config.load())) {
                    Measured m = measured(name, generator, step, processes);
                    results.steps.add(StepResult.of(m.measurement(), StepResult.PHASE_STEP, m.usage(), null));
                }
            }
            return results.done(target);
        } catch (RuntimeException e) {
            progress.printf("[%s] stopped: %s%n", name, e.getMessage());
            return results.failed(target, "stopped: " + e.getMessage());
        }
    }

    /** What a target has produced so far, kept when it fails half-way. */
    private static final class Results {
        private final List<StepResult> steps = new ArrayList<>();
        private WarmupSummary warmup;
        private FindMaxSummary findMax;

        TargetResult done(Target target) {
            return new TargetResult(target.name(), target.baseUrl(), target.facts(), null, warmup, steps, findMax);
        }

        TargetResult failed(Target target, String why) {
            return new TargetResult(target.name(), target.baseUrl(), target.facts(), why, warmup, steps, findMax);
        }
    }

    private record Measured(StepMeasurement measurement, List<ProcessUsage> usage) {
    }

    private Measured measured(String name, LoadGenerator generator, LoadStep step,
            List<MonitoredProcess> processes) {
        progress.printf("[%s] %s for %s%n", name, step.shape().label(), Durations.format(step.durationMs()));
        UsageSampler.Start start = sampler.begin(processes);
        StepMeasurement m = generator.run(step);
        List<ProcessUsage> usage = sampler.end(start);
        Percentiles p = Percentiles.of(m.recorder().latency());
        progress.printf(Locale.ROOT, "[%s] %s: %.1f/s achieved, %d ok, %d errors, p50 %s ms, p99 %s ms%n", name,
                step.shape().label(), m.achievedPerSecond(), m.recorder().ok(), m.recorder().errorCount(),
                p == null ? "-" : p.p50(), p == null ? "-" : p.p99());
        return new Measured(m, usage);
    }

    private WarmupSummary warmUp(String name, LoadGenerator generator) {
        if (config.load().warmupMs() == 0) {
            return null;
        }
        LoadShape shape = config.findMax().enabled()
                ? new LoadShape.OpenLoop(config.findMax().startRate())
                : StepPlan.of(config.load()).get(0).shape();
        progress.printf("[%s] warm-up: %s for %s%n", name, shape.label(), Durations.format(config.load().warmupMs()));
        StepMeasurement m = generator.run(new LoadStep(shape, config.load().warmupMs()));
        return new WarmupSummary(shape.label(), config.load().warmupMs() / 1000.0, m.recorder().ok(),
                m.recorder().errors());
    }

    private FindMaxSummary findMax(String name, LoadGenerator generator, List<MonitoredProcess> processes,
            List<StepResult> steps) {
        MaxRateSearch search = new MaxRateSearch(config.findMax().startRate(), config.findMax().maxTrials());
        SustainedRule rule = new SustainedRule(config.findMax().maxP99Ms());
        Double best = null;
        Double bestOffered = null;
        for (OptionalDouble rate = search.nextRate(); rate.isPresent(); rate = search.nextRate()) {
            LoadStep step = new LoadStep(new LoadShape.OpenLoop(rate.getAsDouble()), config.load().durationMs());
            Measured measured = measured(name, generator, step, processes);
            StepMeasurement m = measured.measurement();
            boolean sustained = rule.sustained(m);
            search.record(new MaxRateSearch.Trial(m.offeredPerSecond(), m.achievedPerSecond(), sustained));
            steps.add(StepResult.of(m, StepResult.PHASE_FIND_MAX, measured.usage(), sustained));
            if (sustained && (best == null || m.achievedPerSecond() > best)) {
                best = Math.round(m.achievedPerSecond() * 100) / 100.0;
                bestOffered = m.offeredPerSecond();
            }
            progress.printf("[%s] %s %s%n", name, step.shape().label(), sustained ? "sustained" : "not sustained");
        }
        return new FindMaxSummary(config.findMax().maxP99Ms(), best, bestOffered, search.trials().size());
    }
}
