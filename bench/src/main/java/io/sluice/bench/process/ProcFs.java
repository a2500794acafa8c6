package io.sluice.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The parts of Linux {@code /proc} this tool reads; the root is a parameter so tests can use sample files. */
public final class ProcFs {
    private final Path root;

    public ProcFs(Path root) {
        this.root = root;
    }

    public static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    public Optional<Long> cpuTicks(long pid) {
        return read(pid, "stat").map(ProcStat::cpuTicks);
    }

    public Optional<String> status(long pid) {
        return read(pid, "status");
    }

    /** The command line with arguments joined by spaces, or empty when the process is gone. */
    public Optional<String> commandLine(long pid) {
        return read(pid, "cmdline").map(s -> s.replace('\0', ' ').trim());
    }

    /** Direct children, from {@code /proc/<pid>/task/<tid>/children} of every thread. */
    public List<Long> children(long pid) {
        List<Long> out = new ArrayList<>();
        Path tasks = root.resolve(pid + "/task");
        if (!Files.isDirectory(tasks)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tasks)) {
            for (Path task : dirs) {
                Path children = task.resolve("children");
                if (Files.isReadable(children)) {
                    for (String child : Files.readString(children).trim().split("\\s+")) {
                        if (!child.isEmpty() && !out.contains(Long.parseLong(child))) {
                            out.add(Long.parseLong(child));
                        }
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Resets the peak RSS (VmHWM) to the current RSS; false when the kernel does not allow it. */
    public boolean resetPeakRss(long pid) {
        try {
            Files.writeString(root.resolve(pid + "/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private Optional<String> read(long pid, String file) {
        try {
            return Optional.of(Files.readString(root.resolve(pid + "/" + file), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
