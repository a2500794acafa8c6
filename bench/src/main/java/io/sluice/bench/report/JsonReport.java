package io.sluice.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@link BenchReport} as pretty JSON named after the run's timestamp. */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static Path write(BenchReport report, Path dir, String stamp) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("bench-" + stamp + ".json");
        JSON.writeValue(file.toFile(), report);
        return file;
    }
}
