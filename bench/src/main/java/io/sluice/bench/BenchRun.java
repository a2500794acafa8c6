package io.sluice.bench;

import io.sluice.bench.config.BenchConfig;
import io.sluice.bench.config.Secrets;
import io.sluice.bench.config.TargetKind;
import io.sluice.bench.process.UsageSampler;
import io.sluice.bench.report.Baselines;
import io.sluice.bench.report.BenchReport;
import io.sluice.bench.report.JsonReport;
import io.sluice.bench.report.MachineFacts;
import io.sluice.bench.report.TargetResult;
import io.sluice.bench.report.TextReport;
import io.sluice.bench.target.Backend;
import io.sluice.bench.target.Targets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** One benchmark run: start the backend, measure each target in turn, print the tables, write the JSON. */
final class BenchRun {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final BenchConfig config;
    private final PrintStream out;
    private final PrintStream progress;
    private final Clock wallClock;

    BenchRun(BenchConfig config, PrintStream out, PrintStream progress, Clock wallClock) {
        this.config = config;
        this.out = out;
        this.progress = progress;
        this.wallClock = wallClock;
    }

    /** Runs everything and returns the path of the JSON report. */
    Path execute() throws IOException {
        ZonedDateTime started = ZonedDateTime.now(wallClock);
        String stamp = started.format(STAMP);
        Path outDir = Path.of(config.outDir());
        MachineFacts machine = MachineFacts.collect();
        List<TargetResult> results = new ArrayList<>();
        try (Backend backend = Backend.start(config.backend())) {
            progress.printf("[bench] backend: %s%n", backend.baseUrl());
            Targets targets = new Targets(config, backend, outDir, "bench-" + stamp);
            TargetSession session = new TargetSession(config, targets, UsageSampler.system(), progress);
            for (TargetKind kind : config.targets()) {
                results.add(session.measure(kind));
            }
            BenchReport report = new BenchReport("sluice bench", started.toString(),
                    ZonedDateTime.now(wallClock).toString(), Secrets.commandLine("sluice bench", config.args()),
                    machine, backend.facts(), Secrets.redact(config), Baselines.withAddedLatency(results));
            out.print(TextReport.render(report));
            Path json = JsonReport.write(report, outDir, stamp);
            out.println();
            out.println("JSON report: " + json.toAbsolutePath());
            out.flush();
            return json;
        }
    }
}
