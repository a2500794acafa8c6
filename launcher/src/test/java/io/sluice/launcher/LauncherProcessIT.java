package io.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.testing.FreePort;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged gateway as a user runs it: {@code java -jar sluice.jar run --config FILE} with its
 * own embedded broker (a child process), answering a request, and leaving nothing behind.
 */
class LauncherProcessIT {

    private static final Path JAR = Path.of("target", "sluice.jar");

    private static Process launch(Path config, List<String> out) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", JAR.toString(), "run", "--config", config.toString())
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(line);
                }
            } catch (Exception ignored) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    @Test
    void runsWithItsOwnBrokerAnswersAndStopsTheBrokerWhenKilled(@TempDir Path dir) throws Exception {
        int http = FreePort.find();
        int kafka = FreePort.find();
        int controller = FreePort.find();
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, """
                server: { port: %d }
                kafka: { embedded: { port: %d, controller-port: %d, data-dir: "%s" } }
                processors: { state-dir: "%s" }
                """.formatted(http, kafka, controller, dir.resolve("kafka"), dir.resolve("streams")));
        List<String> out = new CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        Process p = launch(config, out);
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> out.stream().anyMatch(l -> l.contains("Sluice is running"))
                    || !p.isAlive());
            assertThat(p.isAlive()).as(String.join("\n", out)).isTrue();
            assertThat(out).anyMatch(l -> l.contains("http://127.0.0.1:" + http + "/v1"));
            assertThat(out).anyMatch(l -> l.contains("127.0.0.1:" + kafka) && l.contains("embedded broker"));
            assertThat(out).anyMatch(l -> l.contains("sk-sluice-demo"));
            assertThat(out).anyMatch(l -> l.contains("WARNING: this is a demo setup"));

            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http + "/v1/chat/completions"))
                    .header("Authorization", "Bearer sk-sluice-demo").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long coldStartMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"chat.completion\"");
            System.out.println("cold start to first successful request: " + coldStartMs + " ms");

            List<ProcessHandle> children = p.toHandle().children().toList();
            assertThat(children).as("the embedded broker runs as a child process").isNotEmpty();
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle child : children) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
            }
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aStoppedGatewayRestartsOnItsDataWithoutWaitingForItsOldGroupMembers(@TempDir Path dir) throws Exception {
        int http = FreePort.find();
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, """
                server: { port: %d }
                kafka: { embedded: { port: %d, controller-port: %d, data-dir: "%s" } }
                processors: { state-dir: "%s" }
                """.formatted(http, FreePort.find(), FreePort.find(), dir.resolve("kafka"), dir.resolve("streams")));
        runUntilReadyAndStop(config, http, Duration.ofSeconds(120));
        // Consumer groups keep a member that did not leave for the session timeout (45 s): a restart on
        // the same data that is ready well before that shows every Streams application left on close.
        long restartMs = runUntilReadyAndStop(config, http, Duration.ofSeconds(40));
        System.out.println("restart on kept data to first successful request: " + restartMs + " ms");
    }

    /** Starts the gateway, waits for one successful answer within {@code within}, stops it with SIGTERM. */
    private static long runUntilReadyAndStop(Path config, int http, Duration within) throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        Process p = launch(config, out);
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> !p.isAlive() || answers(http));
            assertThat(p.isAlive()).as(String.join("\n", out)).isTrue();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            List<ProcessHandle> children = p.toHandle().children().toList();
            p.destroy();
            assertThat(p.waitFor(40, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            for (ProcessHandle child : children) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
            }
            return ms;
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean answers(int http) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http + "/v1/chat/completions")).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer sk-sluice-demo").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void badConfigStopsTheStartNamingFileKeyAndFix(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("broken.yaml");
        Files.writeString(config, "server: { port: 99999 }\n");
        List<String> out = new CopyOnWriteArrayList<>();
        Process p = launch(config, out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> !out.isEmpty());
        assertThat(out).contains("Configuration error: " + config + ": server.port: must be between 0 and 65535 "
                + "(got 99999)");
    }
}
