package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    @Test
    void parsesEveryFlag() {
        SimulatorConfig config = SimulatorFlags.parse(new String[] {"--port", "9001", "--host", "0.0.0.0",
                "--latency-ms", "15", "--tokens-per-second=40.5", "--completion-tokens", "9", "--api-key", "k",
                "--instances", "2", "--models", "a, b,c"});

        assertThat(config).isEqualTo(new SimulatorConfig("0.0.0.0", 9001, List.of("a", "b", "c"), 15, 40.5, 9,
                1536, "k", 2));
    }

    @Test
    void defaultsToPort8090() {
        assertThat(SimulatorFlags.parse(new String[0]).port()).isEqualTo(8090);
    }

    @Test
    void rejectsBadFlagsWithOneLineNamingTheFlagAndAcceptedValues() {
        assertThatThrownBy(() -> SimulatorFlags.parse(new String[] {"--port", "abc"}))
                .hasMessage("--port expects an integer 0..65535, got 'abc'");
        assertThatThrownBy(() -> SimulatorFlags.parse(new String[] {"--latency-ms", "-3"}))
                .hasMessageContaining("--latency-ms").hasMessageContaining(">= 0");
        assertThatThrownBy(() -> SimulatorFlags.parse(new String[] {"--instances"}))
                .hasMessageContaining("--instances needs a value");
        assertThatThrownBy(() -> SimulatorFlags.parse(new String[] {"--bogus", "1"}))
                .hasMessageContaining("--bogus").hasMessageContaining("--tokens-per-second")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> SimulatorFlags.parse(new String[] {"--models", " , "}))
                .hasMessageContaining("--models");
    }

    @Test
    void startFromArgsStartsAListeningSimulator() {
        try (BackendSimulator simulator = SimulatorMain.startFromArgs(
                new String[] {"--port", "0", "--completion-tokens", "4"})) {
            SimHttp http = new SimHttp(simulator);

            assertThat(simulator.port()).isPositive();
            assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port() + "/v1");
            assertThat(SimHttp.json(http.post("/v1/chat/completions", SimHttp.chat("gpt-4o", "Hi")))
                    .at("/usage/completion_tokens").asInt()).isEqualTo(4);
        }
    }

    @Test
    void mainExitsWith2OnABadFlag() throws Exception {
        Process process = java("--port", "nope").redirectErrorStream(true).start();

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output.strip()).isEqualTo("simulator: --port expects an integer 0..65535, got 'nope'");
    }

    @Test
    void mainPrintsWhereItListensAndKeepsRunning() throws Exception {
        Process process = java("--port", "0", "--models", "gpt-4o,gpt-4o-mini").start();
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(20, TimeUnit.SECONDS);

            assertThat(line).matches("Sluice simulator listening on http://127\\.0\\.0\\.1:\\d+/v1 "
                    + "\\(models: gpt-4o, gpt-4o-mini\\)");
            assertThat(process.isAlive()).isTrue();
        } finally {
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static ProcessBuilder java(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), SimulatorMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
