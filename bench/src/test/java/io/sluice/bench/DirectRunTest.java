package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One short real run: the direct target against the simulator started in this JVM. */
class DirectRunTest {
    @TempDir
    Path out;

    @Test
    void oneSecondAtFiftyPerSecondSendsFiftyRequestsWithoutErrors() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int exit = BenchMain.run(List.of("--targets", "direct", "--rates", "50", "--concurrency", "2", "--duration",
                "1s", "--warmup", "0s", "--out", out.toString()), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        Path json;
        try (Stream<Path> files = Files.list(out)) {
            json = files.filter(p -> p.getFileName().toString().endsWith(".json")).findFirst().orElseThrow();
        }
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("JSON report: " + json.toAbsolutePath()).containsPattern("direct\\s+open 50/s");

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("commandLine").asText()).startsWith("sluice bench --targets direct --rates 50 --concurrency 2");
        assertThat(report.path("machine").path("cores").asInt()).isPositive();
        JsonNode target = report.path("targets").path(0);
        assertThat(target.path("name").asText()).isEqualTo("direct");
        assertThat(target.path("failure").isNull()).isTrue();
        JsonNode step = target.path("steps").path(0);
        assertThat(step.path("attempted").asLong()).isEqualTo(50);
        assertThat(step.path("ok").asLong()).isEqualTo(50);
        assertThat(step.path("errors").asLong()).isZero();
        assertThat(step.path("achievedPerSecond").asDouble()).isBetween(40.0, 51.0);
        assertThat(step.path("latency").path("count").asLong()).isEqualTo(50);
        assertThat(step.path("latency").path("p99").asDouble()).isPositive();
        assertThat(step.path("processes").path(0).path("role").asText()).isEqualTo("bench-jvm");

        JsonNode closed = target.path("steps").path(1);
        assertThat(closed.path("load").asText()).isEqualTo("closed c=2");
        assertThat(closed.path("ok").asLong()).isPositive();
        assertThat(closed.path("errors").asLong()).isZero();
    }
}
