package io.sluice.launcher;

import io.sluice.launcher.config.ConfigException;
import io.sluice.launcher.config.ConfigLoader;
import io.sluice.launcher.config.SluiceConfig;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** The {@code sluice} command: run the gateway, the simulator alone, or the benchmarks. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        int code = switch (command) {
            case "run" -> run(rest);
            case "simulator" -> simulator(rest);
            case "bench" -> Commands.bench(rest);
            case "batch" -> io.sluice.launcher.batch.BatchCommand.run(rest);
            case "help", "--help", "-h" -> help(System.out, 0);
            default -> {
                System.err.println("Unknown command '" + command + "'.");
                yield help(System.err, 2);
            }
        };
        if (code >= 0) {
            System.exit(code);
        }
    }

    private static int help(PrintStream out, int code) {
        out.println("""
                Usage: ./sluice <command> [options]

                  run [--config FILE]   run the gateway (no config: the demo with an embedded broker,
                                        the built-in simulator and the key sk-sluice-demo)
                  simulator [--port N]  run the backend simulator alone (see --help)
                  bench [options]       run the benchmarks (see ./sluice bench --help)
                  batch submit FILE.jsonl [--wait]
                                        run a batch through the Batch API (see ./sluice batch)
                  help                  this text""");
        return code;
    }

    /** Runs the gateway until the process is stopped; returns -1 to keep the JVM alive. */
    static int run(String[] args) {
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else {
                System.err.println("Unknown option '" + args[i] + "'. Usage: ./sluice run [--config FILE]");
                return 2;
            }
        }
        SluiceConfig config;
        try {
            ConfigLoader loader = ConfigLoader.withSystemEnv();
            config = configFile == null ? loader.demo() : loader.load(configFile);
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return 2;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(config, Clock.systemUTC());
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("Sluice could not start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "sluice-shutdown"));
        Banner.print(System.out, gateway, ManagementFactory.getRuntimeMXBean().getUptime());
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int simulator(String[] args) {
        try {
            io.sluice.simulator.SimulatorMain.startFromArgs(args);
            new CountDownLatch(1).await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
