package io.sluice.launcher;

/** Commands that live in other modules, reached through {@code ./sluice}. */
final class Commands {
    private Commands() {
    }

    static int bench(String[] args) {
        System.err.println("The benchmark command is not built yet.");
        return 2;
    }
}
