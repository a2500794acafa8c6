package io.sluice.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageSamplerTest {
    @TempDir
    Path proc;

    private void writeProcess(long pid, long utime, long stime, String hwmKb, String rssKb) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(String.valueOf(pid)));
        Files.writeString(dir.resolve("stat"), ProcParsingTest.JAVA_STAT.replace(" 1520 385 ", " " + utime + " "
                + stime + " "));
        Files.writeString(dir.resolve("status"), "Name:\tjava\nVmHWM:\t" + hwmKb + " kB\nVmRSS:\t" + rssKb + " kB\n");
    }

    @Test
    void cpuIsCpuSecondsPerWallSecondAndMemoryIsReadAtTheEnd() throws IOException {
        AtomicLong clock = new AtomicLong();
        UsageSampler sampler = new UsageSampler(new ProcFs(proc), clock::get, 100);
        writeProcess(7, 1000, 200, "1000", "900");
        UsageSampler.Start start = sampler.begin(List.of(new MonitoredProcess("gateway", 7)));

        clock.addAndGet(2_000_000_000L);
        writeProcess(7, 1250, 250, "2048", "1024");
        List<ProcessUsage> usage = sampler.end(start);

        assertThat(usage).hasSize(1);
        ProcessUsage u = usage.get(0);
        assertThat(u.role()).isEqualTo("gateway");
        assertThat(u.cpuCores()).isEqualTo(1.5);
        assertThat(u.peakRssBytes()).isEqualTo(2048L * 1024);
        assertThat(u.rssBytes()).isEqualTo(1024L * 1024);
        // The sample folder accepts the clear_refs write, as /proc does for our own children.
        assertThat(u.peakRssScope()).isEqualTo(ProcessUsage.SCOPE_STEP);
    }

    @Test
    void processesThatAreGoneAreLeftOut() {
        UsageSampler sampler = new UsageSampler(new ProcFs(proc), () -> 0, 100);
        assertThat(sampler.end(sampler.begin(List.of(new MonitoredProcess("broker", 99))))).isEmpty();
    }

    @Test
    void childrenAreReadFromEveryThread() throws IOException {
        Files.createDirectories(proc.resolve("10/task/10"));
        Files.createDirectories(proc.resolve("10/task/11"));
        Files.writeString(proc.resolve("10/task/10/children"), "20 21 ");
        Files.writeString(proc.resolve("10/task/11/children"), "21 22");
        Files.writeString(proc.resolve("10/cmdline"), "java\0-cp\0x.jar\0io.sluice.launcher.broker.EmbeddedBrokerMain\0");
        ProcFs fs = new ProcFs(proc);
        assertThat(fs.children(10)).containsExactlyInAnyOrder(20L, 21L, 22L);
        assertThat(fs.children(11)).isEmpty();
        assertThat(fs.commandLine(10)).contains("java -cp x.jar io.sluice.launcher.broker.EmbeddedBrokerMain");
    }
}
