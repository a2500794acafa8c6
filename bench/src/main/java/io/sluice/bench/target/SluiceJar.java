package io.sluice.bench.target;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the gateway jar to start: the flag's, the jar this tool runs from, or the build output nearby. */
final class SluiceJar {
    private static final Path BUILD_OUTPUT = Path.of("launcher", "target", "sluice.jar");

    private SluiceJar() {
    }

    static Path locate(String flagValue) {
        if (flagValue != null) {
            Path jar = Path.of(flagValue);
            if (!Files.isRegularFile(jar)) {
                throw new TargetStartException("--sluice-jar: no file at " + jar.toAbsolutePath());
            }
            return jar.toAbsolutePath();
        }
        Optional<Path> running = runningJar();
        if (running.isPresent()) {
            return running.get();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(BUILD_OUTPUT))) {
                return dir.resolve(BUILD_OUTPUT);
            }
        }
        throw new TargetStartException("sluice: no gateway jar found. Build it (cd /path/to/sluice && mvn -B -q "
                + "-DskipTests package) or pass --sluice-jar PATH");
    }

    /** The jar this code runs from, when it is the launcher's fat jar (it holds the gateway's main class). */
    private static Optional<Path> runningJar() {
        try {
            Path self = Path.of(SluiceJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            boolean launcherJar = Files.isRegularFile(self) && self.toString().endsWith(".jar")
                    && SluiceJar.class.getClassLoader().getResource("io/sluice/launcher/Main.class") != null;
            return launcherJar ? Optional.of(self) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
