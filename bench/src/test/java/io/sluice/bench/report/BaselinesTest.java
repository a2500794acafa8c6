package io.sluice.bench.report;

import static io.sluice.bench.report.ReportFixtures.step;
import static io.sluice.bench.report.ReportFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.bench.metrics.LatencyDelta;
import io.sluice.bench.metrics.Percentiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    @Test
    void gatewayStepsGetTheirLatencyOverDirectAtTheSameLoad() {
        Percentiles directTtft = new Percentiles(10, 1, 1, 2, 2, 2, 1);
        Percentiles gatewayTtft = new Percentiles(10, 4, 5, 9, 9, 9, 4);
        List<TargetResult> out = Baselines.withAddedLatency(List.of(
                target("direct", step("open 50/s", 1.0, 3.0, directTtft, Map.of(), List.of()),
                        step("open 200/s", 2.0, 6.0, null, Map.of(), List.of())),
                target("sluice", step("open 50/s", 5.0, 13.0, gatewayTtft, Map.of(), List.of()),
                        step("open 999/s", 5.0, 13.0, null, Map.of(), List.of()))));

        StepResult same = out.get(1).steps().get(0);
        assertThat(same.addedLatency()).isEqualTo(new LatencyDelta(4.0, 6.0, 10.0, 12.0));
        assertThat(same.addedTimeToFirstToken()).isEqualTo(new LatencyDelta(3.0, 4.0, 7.0, 7.0));
        assertThat(out.get(1).steps().get(1).addedLatency()).as("no direct step at this load").isNull();
        assertThat(out.get(0).steps().get(0).addedLatency()).as("direct is the baseline").isNull();
    }

    @Test
    void withoutADirectTargetNothingIsAdded() {
        List<TargetResult> out = Baselines.withAddedLatency(List.of(
                target("sluice", step("open 50/s", 5.0, 13.0, null, Map.of(), List.of()))));
        assertThat(out.get(0).steps().get(0).addedLatency()).isNull();
    }
}
