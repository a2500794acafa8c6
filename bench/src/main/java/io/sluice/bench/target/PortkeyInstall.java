package io.sluice.bench.target;

import io.sluice.bench.config.PortkeySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Installs {@code @portkey-ai/gateway} from npm into a folder under the system temp directory (reused by later runs
 * of the same versions), never into the repository. Newer {@code @hono/node-server} releases make Portkey's
 * streaming fail on Node 20 ({@code TypeError: immutable}, Portkey-AI/gateway#1389), so that package is pinned
 * through npm {@code overrides} unless the pin is empty.
 */
final class PortkeyInstall {
    static final String SERVER_SCRIPT = "node_modules/@portkey-ai/gateway/build/start-server.js";
    private static final long INSTALL_TIMEOUT_MS = 300_000;

    private PortkeyInstall() {
    }

    static String packageJson(PortkeySettings settings) {
        String overrides = settings.honoNodeServer().isBlank() ? ""
                : ",\"overrides\":{\"@hono/node-server\":\"" + settings.honoNodeServer() + "\"}";
        return "{\"private\":true,\"description\":\"Portkey gateway for sluice bench\","
                + "\"dependencies\":{\"@portkey-ai/gateway\":\"" + settings.version() + "\"}" + overrides + "}\n";
    }

    static Path folder(PortkeySettings settings) {
        String pin = settings.honoNodeServer().isBlank() ? "unpinned" : "hono-" + settings.honoNodeServer();
        String name = ("sluice-bench-portkey-" + settings.version() + "-" + pin).replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), name);
    }

    /** Returns the server script, installing it first if this folder does not have it yet. */
    static Path ensure(PortkeySettings settings, Path log) {
        Path dir = folder(settings);
        Path script = dir.resolve(SERVER_SCRIPT);
        if (Files.isRegularFile(script)) {
            return script;
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("package.json"), packageJson(settings));
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + dir, e);
        }
        List<String> command = List.of(settings.npm(), "install", "--no-package-lock", "--no-audit", "--no-fund",
                "--loglevel=error");
        try (LaunchedProcess npm = LaunchedProcess.start(command, dir, log)) {
            int exit = npm.awaitExit(INSTALL_TIMEOUT_MS, "portkey: npm install");
            if (exit != 0 || !Files.isRegularFile(script)) {
                throw new TargetStartException("portkey: npm install in " + dir + " failed (exit " + exit + "):\n"
                        + npm.tailText() + "\n(log: " + log + ")");
            }
        }
        return script;
    }
}
