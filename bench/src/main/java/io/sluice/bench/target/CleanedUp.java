package io.sluice.bench.target;

import io.sluice.bench.process.MonitoredProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A started target whose work folder (broker data, state stores) is deleted once it has stopped. */
final class CleanedUp implements Target {
    private final Target target;
    private final Path workDir;

    CleanedUp(Target target, Path workDir) {
        this.target = target;
        this.workDir = workDir;
    }

    @Override
    public String name() {
        return target.name();
    }

    @Override
    public String baseUrl() {
        return target.baseUrl();
    }

    @Override
    public Map<String, String> headers() {
        return target.headers();
    }

    @Override
    public List<MonitoredProcess> processes() {
        return target.processes();
    }

    @Override
    public Map<String, String> facts() {
        return target.facts();
    }

    @Override
    public void close() {
        target.close();
        delete(workDir);
    }

    static void delete(Path workDir) {
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leaving a temp folder behind is harmless.
        }
    }
}
