package io.sluice.simulator;

import java.util.Arrays;

/** Command-line entry point: runs a simulator until the process is killed. */
public final class SimulatorMain {

    static final int EXIT_BAD_FLAG = 2;
    static final int EXIT_START_FAILED = 1;

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(SimulatorFlags.USAGE);
            return;
        }
        BackendSimulator simulator;
        try {
            simulator = startFromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("simulator: " + e.getMessage());
            System.exit(EXIT_BAD_FLAG);
            return;
        } catch (IllegalStateException e) {
            System.err.println("simulator: " + e.getMessage());
            System.exit(EXIT_START_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
    }

    /**
     * Parses the flags, starts a simulator on its own Vert.x instance and prints where it listens.
     *
     * @throws IllegalArgumentException on a bad flag, with a one-line message naming it and the accepted values
     * @throws IllegalStateException when the server cannot start, e.g. the port is taken
     */
    public static BackendSimulator startFromArgs(String[] args) {
        SimulatorConfig config = SimulatorFlags.parse(args);
        BackendSimulator simulator = BackendSimulator.start(config);
        System.out.println("Sluice simulator listening on " + simulator.baseUrl()
                + " (models: " + String.join(", ", config.models()) + ")");
        return simulator;
    }
}
