package io.sluice.bench.target;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process whose output goes to a log file and can be waited on line by line. Closing it stops the process
 * and every descendant it started; a shutdown hook does the same if the benchmark is interrupted.
 */
final class LaunchedProcess implements AutoCloseable {
    private static final int TAIL_LINES = 30;
    private static final long STOP_WAIT_SECONDS = 20;

    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread shutdownHook;

    private LaunchedProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Thread pump = new Thread(this::pump, "output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    static LaunchedProcess start(List<String> command, Path workDir, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return new LaunchedProcess(process, log);
        } catch (IOException e) {
            throw new TargetStartException("could not start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for an output line matching {@code wanted}; fails if the process ends or the time runs out. */
    String awaitLine(Predicate<String> wanted, long timeoutMs, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (wanted.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                if (!process.isAlive()) {
                    throw new TargetStartException(what + ": the process ended (exit " + exitCode() + ") before it was "
                            + "ready. Last output:\n" + tailText() + "\n(full log: " + log + ")");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TargetStartException(what + ": not ready after " + timeoutMs + " ms. Last output:\n"
                            + tailText() + "\n(full log: " + log + ")");
                }
                try {
                    lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 500)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TargetStartException(what + ": interrupted while waiting");
                }
            }
        }
    }

    String tailText() {
        synchronized (lines) {
            return String.join("\n", tail);
        }
    }

    private int exitCode() {
        try {
            return process.exitValue();
        } catch (IllegalThreadStateException e) {
            return -1;
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                out.flush();
                synchronized (lines) {
                    if (lines.size() < 10_000) {
                        lines.add(line);
                    }
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process closed its output; awaitLine notices through isAlive().
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    /** Ends the process (politely, then forcibly) and any descendants still running, each by its own id. */
    private void stop() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        waitFor(process.toHandle());
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroy();
                waitFor(child);
            }
        }
    }

    private static void waitFor(ProcessHandle handle) {
        try {
            handle.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs anyway.
        }
    }

    /** Waits for the process to end and returns its exit code; fails when the time runs out. */
    int awaitExit(long timeoutMs, String what) {
        try {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new TargetStartException(what + ": still running after " + timeoutMs + " ms (log: " + log + ")");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetStartException(what + ": interrupted while waiting");
        }
    }
}
