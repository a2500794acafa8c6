package io.sluice.bench.report;

import io.sluice.bench.metrics.HopSummary;
import io.sluice.bench.metrics.LatencyDelta;
import io.sluice.bench.metrics.Percentiles;
import io.sluice.bench.process.ProcessUsage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Renders a {@link BenchReport} as readable tables: what was measured, without verdicts. */
public final class TextReport {
    private static final String NONE = "-";
    private static final double MIB = 1024.0 * 1024.0;

    private TextReport() {
    }

    public static String render(BenchReport report) {
        StringBuilder out = new StringBuilder();
        MachineFacts m = report.machine();
        out.append("\nSluice bench, started ").append(report.startedAt()).append('\n')
                .append("Machine: ").append(m.cores()).append(" cores, ")
                .append(String.format(Locale.ROOT, "%.1f GiB", m.memoryBytes() / MIB / 1024)).append(", ")
                .append(m.cpuModel()).append(", JDK ").append(m.jdk()).append(", ").append(m.osRelease())
                .append(", load average at start ").append(m.loadAverageAtStart()).append('\n')
                .append("Backend: ").append(report.backend().get("kind")).append(' ')
                .append(report.backend().get("url")).append('\n');
        for (TargetResult t : report.targets()) {
            out.append("Target ").append(t.name()).append(": ").append(t.baseUrl() == null ? NONE : t.baseUrl());
            if (t.facts().containsKey("pid")) {
                out.append(" (pid ").append(t.facts().get("pid"));
                if (t.facts().containsKey("brokerPid")) {
                    out.append(", broker pid ").append(t.facts().get("brokerPid"));
                }
                out.append(")");
            }
            out.append('\n');
        }
        out.append("\nLatency in ms, measured from each request's intended send time. +pNN is the target's pNN minus\n")
                .append("direct's pNN at the same step. achieved/s counts successful answers.\n\n");
        out.append(latencyTable(report).render());
        section(out, "Time to first token (ms, streams)", ttftTable(report));
        section(out, "Errors by kind", errorTable(report));
        section(out, "Processes (cpu = CPU seconds per wall second; memory in MiB; peak per step when resettable)",
                processTable(report));
        section(out, "Per-hop durations from Server-Timing (ms, p50 / p99)", hopTable(report));
        section(out, "Highest sustained rate (--find-max: zero errors, p99 within bound, >= 95% of offered)",
                findMaxTable(report));
        List<TargetResult> failed = report.targets().stream().filter(t -> t.failure() != null).toList();
        if (!failed.isEmpty()) {
            out.append("\nNot measured or stopped early:\n");
            failed.forEach(t -> out.append("  ").append(t.name()).append(": ").append(t.failure()).append('\n'));
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, TextTable table) {
        if (!table.isEmpty()) {
            out.append('\n').append(title).append('\n').append(table.render());
        }
    }

    private static TextTable latencyTable(BenchReport report) {
        TextTable table = new TextTable(2, List.of("target", "load", "offered/s", "achieved/s", "ok", "errors",
                "p50", "p90", "p99", "p99.9", "+p50", "+p90", "+p99", "+p99.9"));
        forEachStep(report, (t, s) -> {
            Percentiles p = s.latency();
            LatencyDelta d = s.addedLatency();
            table.row(List.of(t.name(), s.load(), rate(s.offeredPerSecond()), rate(s.achievedPerSecond()),
                    String.valueOf(s.ok()), String.valueOf(s.errors()),
                    p == null ? NONE : ms(p.p50()), p == null ? NONE : ms(p.p90()),
                    p == null ? NONE : ms(p.p99()), p == null ? NONE : ms(p.p999()),
                    d == null ? NONE : ms(d.p50()), d == null ? NONE : ms(d.p90()),
                    d == null ? NONE : ms(d.p99()), d == null ? NONE : ms(d.p999())));
        });
        return table;
    }

    private static TextTable ttftTable(BenchReport report) {
        TextTable table = new TextTable(2, List.of("target", "load", "ttft p50", "p90", "p99", "p99.9", "+p50",
                "+p90", "+p99", "+p99.9"));
        forEachStep(report, (t, s) -> {
            Percentiles p = s.timeToFirstToken();
            if (p == null) {
                return;
            }
            LatencyDelta d = s.addedTimeToFirstToken();
            table.row(List.of(t.name(), s.load(), ms(p.p50()), ms(p.p90()), ms(p.p99()), ms(p.p999()),
                    d == null ? NONE : ms(d.p50()), d == null ? NONE : ms(d.p90()),
                    d == null ? NONE : ms(d.p99()), d == null ? NONE : ms(d.p999())));
        });
        return table;
    }

    private static TextTable errorTable(BenchReport report) {
        TextTable table = new TextTable(3, List.of("target", "load", "errors by kind"));
        forEachStep(report, (t, s) -> {
            if (s.errors() > 0) {
                table.row(List.of(t.name(), s.load(), s.errorsByKind().entrySet().stream().sorted(
                        java.util.Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "))));
            }
        });
        return table;
    }

    private static TextTable processTable(BenchReport report) {
        TextTable table = new TextTable(3, List.of("target", "load", "process", "pid", "cpu", "peak RSS", "RSS"));
        forEachStep(report, (t, s) -> {
            for (ProcessUsage u : s.processes()) {
                table.row(List.of(t.name(), s.load(), u.role(), String.valueOf(u.pid()),
                        String.format(Locale.ROOT, "%.2f", u.cpuCores()), mib(u.peakRssBytes()) + peakMark(u),
                        mib(u.rssBytes())));
            }
        });
        return table;
    }

    private static String peakMark(ProcessUsage u) {
        return ProcessUsage.SCOPE_STEP.equals(u.peakRssScope()) ? "" : "*";
    }

    private static TextTable hopTable(BenchReport report) {
        Set<String> hops = new LinkedHashSet<>();
        report.targets().forEach(t -> t.steps().forEach(s -> hops.addAll(s.hops().keySet())));
        List<String> header = new ArrayList<>(List.of("target", "load"));
        header.addAll(hops);
        TextTable table = new TextTable(2, header);
        forEachStep(report, (t, s) -> {
            if (s.hops().isEmpty()) {
                return;
            }
            List<String> row = new ArrayList<>(List.of(t.name(), s.load()));
            for (String hop : hops) {
                HopSummary h = s.hops().get(hop);
                row.add(h == null ? NONE : ms(h.p50()) + " / " + ms(h.p99()));
            }
            table.row(row);
        });
        return table;
    }

    private static TextTable findMaxTable(BenchReport report) {
        TextTable table = new TextTable(1, List.of("target", "max sustained/s", "at offered/s", "p99 bound ms",
                "trials"));
        for (TargetResult t : report.targets()) {
            FindMaxSummary f = t.findMax();
            if (f != null) {
                table.row(List.of(t.name(), f.maxSustainedPerSecond() == null ? "none" : rate(f.maxSustainedPerSecond()),
                        f.atOfferedPerSecond() == null ? NONE : rate(f.atOfferedPerSecond()),
                        String.valueOf(f.maxP99Ms()), String.valueOf(f.trials())));
            }
        }
        return table;
    }

    private interface StepVisitor {
        void visit(TargetResult target, StepResult step);
    }

    private static void forEachStep(BenchReport report, StepVisitor visitor) {
        report.targets().forEach(t -> t.steps().forEach(s -> visitor.visit(t, s)));
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String rate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? NONE : String.format(Locale.ROOT, "%.0f", bytes / MIB);
    }
}
