package io.sluice.launcher.broker;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * The embedded broker's own process: formats the data folder on first use, runs the real Kafka
 * KRaft server, and stops when its parent goes away (its standard input closes).
 * Arguments: host port controller-port data-dir.
 */
public final class EmbeddedBrokerMain {
    /** How long a signalled broker waits for its parent to finish stopping before it stops anyway. */
    private static final long PARENT_GRACE_MS = 30_000;

    private EmbeddedBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Path dataDir = Path.of(args[3]).toAbsolutePath();
        Files.createDirectories(dataDir);
        Properties props = BrokerProperties.of(host, port, controllerPort, dataDir);
        Path propsFile = dataDir.resolve("server.properties");
        try (FileOutputStream out = new FileOutputStream(propsFile.toFile())) {
            props.store(out, "written by Sluice; regenerated at every start");
        }
        if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                    propsFile.toString(), "--ignore-formatted"}, new PrintStream(System.out, true));
            if (rc != 0) {
                System.err.println("formatting " + dataDir + " failed with code " + rc);
                System.exit(3);
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        server.startup();
        System.out.println("SLUICE-BROKER-READY " + host + ":" + port);
        CountDownLatch parentGone = new CountDownLatch(1);
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent holds our stdin open while it lives
                }
            } catch (IOException e) {
                // parent gone
            }
            parentGone.countDown();
            stopWithin(server, 20_000);
        }, "parent-watchdog");
        watchdog.setDaemon(false);
        watchdog.start();
        // Ctrl-C in a terminal signals the whole process group, this process too: the broker stays up
        // until the parent has stopped its roles (Streams commits its last transaction against it),
        // then stops cleanly when the parent lets go of it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (parentGone.await(PARENT_GRACE_MS, TimeUnit.MILLISECONDS)) {
                    watchdog.join(25_000);
                } else {
                    stopWithin(server, 20_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "broker-shutdown"));
        server.awaitShutdown();
    }

    /**
     * Shuts the broker down cleanly if it can within {@code ms}; whatever happens (a failure, a
     * hang), the process then ends, so a broker never outlives its owner.
     */
    private static void stopWithin(KafkaRaftServer server, long ms) {
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(1);
        }, "shutdown-deadline");
        killer.setDaemon(true);
        killer.start();
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (Throwable t) {
            System.err.println("broker shutdown failed: " + t);
        } finally {
            Runtime.getRuntime().halt(0);
        }
    }
}
