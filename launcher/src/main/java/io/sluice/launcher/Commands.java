package io.sluice.launcher;

/** Commands that live in other modules, reached through {@code ./sluice}. */
final class Commands {
    private Commands() {
    }

    static int bench(String[] args) {
        return io.sluice.bench.BenchMain.run(args);
    }
}
