package io.sluice.launcher.batch;

import java.io.PrintStream;

/**
 * A batch's progress on one terminal line, redrawn in place ({@code \r}); to a file or a pipe, a
 * plain line now and then instead.
 */
final class ProgressBar {

    static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastPlainLine;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** One line: the bar, lines done of total, failures, the rate so far and the status. */
    static String render(long done, long failed, long total, double seconds, String status) {
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, done * WIDTH / total);
        long percent = total <= 0 ? 0 : done * 100 / total;
        double rate = seconds <= 0 ? 0 : done / seconds;
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + percent
                + "%" + (failed > 0 ? " (" + failed + " failed)" : "") + String.format(" %.0f lines/s ", rate) + status;
    }

    void show(long done, long failed, long total, String status) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String line = render(done, failed, total, seconds, status);
        if (terminal) {
            out.print("\r" + line + "   ");
            out.flush();
        } else if (System.nanoTime() - lastPlainLine > 5_000_000_000L || done >= total) {
            lastPlainLine = System.nanoTime();
            out.println(line);
        }
    }

    void end() {
        if (terminal) {
            out.println();
        }
    }
}
