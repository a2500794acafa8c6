package io.sluice.bench.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Measures processes' CPU and memory over a step: {@link #begin} before it, {@link #end} after it. */
public final class UsageSampler {
    private final ProcFs proc;
    private final LongSupplier clock;
    private final long ticksPerSecond;

    public UsageSampler(ProcFs proc, LongSupplier clock, long ticksPerSecond) {
        this.proc = proc;
        this.clock = clock;
        this.ticksPerSecond = ticksPerSecond;
    }

    public static UsageSampler system() {
        return new UsageSampler(ProcFs.system(), System::nanoTime, ClockTicks.perSecond());
    }

    /** The processes' state at the start of a step. */
    public record Start(List<ProcessStart> processes, long wallNanos) {
    }

    record ProcessStart(MonitoredProcess process, long cpuTicks, boolean peakReset) {
    }

    public Start begin(List<MonitoredProcess> processes) {
        List<ProcessStart> starts = new ArrayList<>();
        for (MonitoredProcess p : processes) {
            Optional<Long> ticks = proc.cpuTicks(p.pid());
            if (ticks.isPresent()) {
                starts.add(new ProcessStart(p, ticks.get(), proc.resetPeakRss(p.pid())));
            }
        }
        return new Start(starts, clock.getAsLong());
    }

    public List<ProcessUsage> end(Start start) {
        double wallSeconds = Math.max(1e-9, (clock.getAsLong() - start.wallNanos()) / 1e9);
        List<ProcessUsage> out = new ArrayList<>();
        for (ProcessStart s : start.processes()) {
            Optional<Long> ticks = proc.cpuTicks(s.process().pid());
            Optional<String> status = proc.status(s.process().pid());
            if (ticks.isEmpty() || status.isEmpty()) {
                continue;
            }
            double cpuSeconds = (ticks.get() - s.cpuTicks()) / (double) ticksPerSecond;
            out.add(new ProcessUsage(s.process().role(), s.process().pid(),
                    Math.round(cpuSeconds / wallSeconds * 1000) / 1000.0,
                    ProcStatus.bytes(status.get(), "VmHWM"), ProcStatus.bytes(status.get(), "VmRSS"),
                    s.peakReset() ? ProcessUsage.SCOPE_STEP : ProcessUsage.SCOPE_PROCESS));
        }
        return out;
    }
}
