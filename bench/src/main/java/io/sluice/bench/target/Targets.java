package io.sluice.bench.target;

import io.sluice.bench.config.BenchConfig;
import io.sluice.bench.config.TargetKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Opens the target of a kind: starts its process if it needs one, else points at its URL. */
public final class Targets {
    private final BenchConfig config;
    private final Backend backend;
    private final Path logDir;
    private final String logPrefix;

    public Targets(BenchConfig config, Backend backend, Path logDir, String logPrefix) {
        this.config = config;
        this.backend = backend;
        this.logDir = logDir;
        this.logPrefix = logPrefix;
    }

    /** The name a kind gets in the report. */
    public String nameOf(TargetKind kind) {
        return kind == TargetKind.COMPARE ? config.compare().name() : kind.label();
    }

    public Target open(TargetKind kind) {
        String backendKey = config.backend().apiKey();
        return switch (kind) {
            case DIRECT -> new EndpointTarget("direct", backend.baseUrl(),
                    Map.of("Authorization", "Bearer " + backendKey), Map.of("note", "straight to the backend"));
            case SLUICE -> openSluice();
            case PORTKEY -> PortkeyGateway.start(config.portkey(), backend.baseUrl(), backendKey,
                    log("portkey-install"), log("portkey"), config.startupTimeoutMs());
            case COMPARE -> new EndpointTarget(config.compare().name(), config.compare().url(),
                    config.compare().headers(), Map.of("note", "external gateway, no process metrics"));
        };
    }

    private Target openSluice() {
        if (!config.sluice().startsProcess()) {
            return new EndpointTarget("sluice", config.sluice().url(),
                    Map.of("Authorization", "Bearer " + config.sluice().key()),
                    Map.of("note", "running gateway at --sluice-url: no process metrics; its backend is whatever "
                            + "it is configured with"));
        }
        Path workDir;
        try {
            workDir = Files.createTempDirectory("sluice-bench-");
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a work folder for the gateway", e);
        }
        try {
            return new CleanedUp(SluiceGateway.start(config.sluice(), backend.baseUrl(), config.load().model(),
                    workDir, logDir.resolve(logPrefix + "-sluice.yaml"), log("sluice"), config.startupTimeoutMs()),
                    workDir);
        } catch (RuntimeException e) {
            CleanedUp.delete(workDir);
            throw e;
        }
    }

    private Path log(String name) {
        return logDir.resolve(logPrefix + "-" + name + ".log");
    }
}
