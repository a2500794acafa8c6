package io.sluice.bench.target;

import java.nio.file.Files;
import java.nio.file.Path;

/** The java binary of the running JVM, so the gateway runs on the same JDK as the benchmark. */
final class JavaExecutable {
    private JavaExecutable() {
    }

    static String path() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
