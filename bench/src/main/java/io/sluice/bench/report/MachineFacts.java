package io.sluice.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The machine a run measured on, so results from different machines are not compared unawares. */
public record MachineFacts(int cores, long memoryBytes, String cpuModel, String jdk, String jvm, String os,
        String osRelease, String loadAverageAtStart) {

    public static MachineFacts collect() {
        return new MachineFacts(Runtime.getRuntime().availableProcessors(), readMemoryBytes(),
                readCpuModel().orElse("unknown"),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                readOsRelease().orElse("unknown"), read("/proc/loadavg").map(String::trim).orElse("unknown"));
    }

    static long readMemoryBytes() {
        return read("/proc/meminfo").flatMap(m -> m.lines().filter(l -> l.startsWith("MemTotal:")).findFirst())
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(-1L);
    }

    static Optional<String> readCpuModel() {
        return read("/proc/cpuinfo").flatMap(c -> c.lines().filter(l -> l.startsWith("model name")).findFirst())
                .map(l -> l.substring(l.indexOf(':') + 1).trim());
    }

    static Optional<String> readOsRelease() {
        return read("/etc/os-release").flatMap(c -> c.lines().filter(l -> l.startsWith("PRETTY_NAME=")).findFirst())
                .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""));
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
