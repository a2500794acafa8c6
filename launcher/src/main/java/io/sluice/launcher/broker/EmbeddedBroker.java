package io.sluice.launcher.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A single-node Kafka broker in a child process this process owns: the real KRaft server, data in
 * a local folder, reachable by any Kafka client at {@code host:port}. It stops with its owner.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final Process process;
    private final OutputStream lifeline;
    private final String bootstrapServers;
    private final Path log;

    private EmbeddedBroker(Process process, String bootstrapServers, Path log) {
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.bootstrapServers = bootstrapServers;
        this.log = log;
    }

    /** Starts the broker and waits until it answers, or fails with what to do about it. */
    public static EmbeddedBroker start(String host, int port, int controllerPort, Path dataDir, Duration timeout) {
        for (int p : new int[] {port, controllerPort}) {
            if (inUse(host, p)) {
                throw new IllegalStateException(host + ":" + p + " is already in use (another Kafka or Sluice?). "
                        + "Stop it, or set kafka.embedded.port / kafka.embedded.controller-port, or join an "
                        + "existing cluster with kafka.bootstrap-servers.");
            }
        }
        try {
            Files.createDirectories(dataDir);
            Path log = dataDir.toAbsolutePath().resolve("broker.log");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xms256m");
            cmd.add("-Xmx768m");
            cmd.add("-XX:+UseSerialGC");
            cmd.add("-Dsluice.role=broker");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(EmbeddedBrokerMain.class.getName());
            cmd.add(host);
            cmd.add(Integer.toString(port));
            cmd.add(Integer.toString(controllerPort));
            cmd.add(dataDir.toAbsolutePath().toString());
            Process process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            EmbeddedBroker broker = new EmbeddedBroker(process, host + ":" + port, log);
            broker.awaitReady(timeout);
            return broker;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the embedded Kafka broker exited with code "
                            + process.exitValue() + "; see " + log);
                }
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes()
                            .get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        throw new IllegalStateException("the embedded Kafka broker did not answer within " + timeout.toSeconds()
                + " s; see " + log);
    }

    private static boolean inUse(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Process id of the broker, so its memory and CPU can be reported apart from the gateway's. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            lifeline.close();
        } catch (IOException e) {
            // the child notices anyway
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
