package io.sluice.bench.report;

import static io.sluice.bench.report.ReportFixtures.step;
import static io.sluice.bench.report.ReportFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.bench.metrics.HopSummary;
import io.sluice.bench.process.ProcessUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextReportTest {

    @Test
    void printsLatencyProcessAndHopTablesWithAddedLatency() {
        Map<String, HopSummary> hops = new LinkedHashMap<>();
        hops.put("requests", new HopSummary(500, 0.7, 2.1));
        hops.put("total", new HopSummary(500, 4.0, 11.0));
        List<ProcessUsage> usage = List.of(
                new ProcessUsage("gateway", 42, 0.85, 300L << 20, 280L << 20, ProcessUsage.SCOPE_STEP),
                new ProcessUsage("broker", 43, 0.5, 400L << 20, 390L << 20, ProcessUsage.SCOPE_PROCESS));
        List<TargetResult> targets = Baselines.withAddedLatency(List.of(
                target("direct", step("open 50/s", 1.0, 3.0, null, Map.of(), List.of())),
                target("sluice", step("open 50/s", 5.0, 13.0, null, hops, usage))));
        BenchReport report = new BenchReport("sluice bench", "2026-01-01T00:00Z", "2026-01-01T00:01Z",
                "sluice bench", ReportFixtures.machine(), Map.of("kind", "simulator", "url", "http://x/v1"), null,
                targets);

        String text = TextReport.render(report);

        assertThat(text).contains("2 cores", "Test OS");
        assertThat(text).containsPattern("direct\\s+open 50/s\\s+50\\.0\\s+50\\.0\\s+500\\s+0\\s+1\\.00\\s+1\\.50"
                + "\\s+3\\.00\\s+3\\.60\\s+-\\s+-\\s+-\\s+-");
        assertThat(text).containsPattern("sluice\\s+open 50/s\\s+50\\.0\\s+50\\.0\\s+500\\s+0\\s+5\\.00\\s+7\\.50"
                + "\\s+13\\.00\\s+15\\.60\\s+4\\.00\\s+6\\.00\\s+10\\.00\\s+12\\.00");
        assertThat(text).containsPattern("sluice\\s+open 50/s\\s+gateway\\s+42\\s+0\\.85\\s+300\\s+280");
        assertThat(text).containsPattern("sluice\\s+open 50/s\\s+broker\\s+43\\s+0\\.50\\s+400\\*\\s+390");
        assertThat(text).containsPattern("sluice\\s+open 50/s\\s+0\\.70 / 2\\.10\\s+4\\.00 / 11\\.00");
        assertThat(text).doesNotContain("Time to first token", "Errors by kind", "Highest sustained");
    }

    @Test
    void listsTargetsThatCouldNotBeMeasured() {
        TargetResult failed = new TargetResult("portkey", null, Map.of(), "could not start: npm missing", null,
                List.of(), null);
        BenchReport report = new BenchReport("sluice bench", "t0", "t1", "sluice bench", ReportFixtures.machine(),
                Map.of("kind", "simulator", "url", "u"), null, List.of(failed));
        assertThat(TextReport.render(report)).contains("portkey: could not start: npm missing");
    }
}
