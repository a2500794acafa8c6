package io.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.bench.BenchMain;
import io.sluice.records.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few seconds of {@code sluice bench} against the packaged gateway, so the benchmark keeps working.
 * It checks that every figure is reported, never what the figures are: timings are the benchmark's
 * to print, not the test suite's to judge.
 */
class BenchSmokeIT {

    @Test
    void aShortRunMeasuresDirectAndSluiceAndWritesTheReport(@TempDir Path out) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int code = BenchMain.run(List.of("--sluice-jar", Path.of("target", "sluice.jar").toString(),
                "--targets", "direct,sluice", "--rates", "20", "--duration", "3s", "--warmup", "2s",
                "--sluice-java-opts", "-Xms128m -Xmx512m", "--out", out.toString()),
                new PrintStream(text, true, StandardCharsets.UTF_8), System.err);

        String printed = text.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        assertThat(printed).contains("+p50", "Per-hop durations", "JSON report:");
        Path report;
        try (Stream<Path> files = Files.list(out)) {
            report = files.filter(p -> p.getFileName().toString().matches("bench-\\d{8}-\\d{6}\\.json"))
                    .findFirst().orElseThrow();
        }
        JsonNode targets = Json.MAPPER.readTree(report.toFile()).path("targets");
        assertThat(targets).hasSize(2);
        JsonNode direct = targets.get(0).path("steps").get(0);
        JsonNode sluice = targets.get(1).path("steps").get(0);
        assertThat(targets.get(1).path("name").asText()).isEqualTo("sluice");
        assertThat(direct.path("ok").asLong()).isPositive();
        assertThat(sluice.path("ok").asLong()).isEqualTo(sluice.path("attempted").asLong()).isPositive();
        assertThat(sluice.path("errors").asLong()).isZero();
        assertThat(sluice.path("addedLatency").path("p99").isNumber()).isTrue();
        assertThat(sluice.path("hops").path("dispatch").path("p50").isNumber()).isTrue();
        assertThat(sluice.path("processes")).anySatisfy(p -> {
            assertThat(p.path("role").asText()).isEqualTo("gateway");
            assertThat(p.path("peakRssBytes").asLong()).isPositive();
        });
    }
}
