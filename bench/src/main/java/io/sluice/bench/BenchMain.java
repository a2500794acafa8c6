package io.sluice.bench;

import io.sluice.bench.config.BenchConfig;
import io.sluice.bench.config.BenchFlags;
import io.sluice.bench.config.FlagException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/** Entry point of {@code sluice bench}: parses flags, runs the benchmark, returns the exit code. */
public final class BenchMain {
    /** Exit code for bad flags. */
    public static final int USAGE = 2;
    /** Exit code when the run itself could not complete (not a measured result). */
    public static final int FAILED = 1;

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return run(List.of(args), System.out, System.err);
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (BenchFlags.wantsHelp(args)) {
            out.print(BenchFlags.help());
            return 0;
        }
        BenchConfig config;
        try {
            config = BenchFlags.parse(args);
        } catch (FlagException e) {
            err.println("sluice bench: " + e.getMessage());
            return USAGE;
        }
        try {
            new BenchRun(config, out, err, Clock.systemDefaultZone()).execute();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("sluice bench: the run failed: " + e);
            return FAILED;
        }
    }
}
