package io.sluice.bench.target;

import io.sluice.bench.config.PortkeySettings;
import io.sluice.bench.process.MonitoredProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The Portkey open-source gateway (Node.js, no Kafka), run with {@code node start-server.js --headless --port=N}
 * from its npm install folder. Requests reach the backend through its {@code x-portkey-custom-host} header.
 */
final class PortkeyGateway implements Target {
    static final String READY_LINE = "Ready for connections";

    private final LaunchedProcess process;
    private final String baseUrl;
    private final Map<String, String> headers;
    private final Map<String, String> facts;

    private PortkeyGateway(LaunchedProcess process, String baseUrl, Map<String, String> headers,
            Map<String, String> facts) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** Headers that make Portkey forward an OpenAI request to {@code backendUrl}. */
    static Map<String, String> routingHeaders(String backendUrl, String backendKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + backendKey);
        headers.put("x-portkey-provider", "openai");
        headers.put("x-portkey-custom-host", backendUrl);
        return headers;
    }

    static PortkeyGateway start(PortkeySettings settings, String backendUrl, String backendKey, Path installLog,
            Path log, long startupTimeoutMs) {
        Path script = PortkeyInstall.ensure(settings, installLog);
        int port = FreePorts.pick(1).get(0);
        List<String> command = List.of(settings.node(), script.toString(), "--headless", "--port=" + port);
        LaunchedProcess process = LaunchedProcess.start(command, script.getParent(), log);
        try {
            process.awaitLine(line -> line.contains(READY_LINE), startupTimeoutMs, "portkey");
            awaitListening(port, process);
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("package", "@portkey-ai/gateway@" + settings.version());
            facts.put("honoNodeServerPin", settings.honoNodeServer().isBlank() ? "none" : settings.honoNodeServer());
            facts.put("node", CommandOutput.firstLine(List.of(settings.node(), "--version")));
            facts.put("installFolder", PortkeyInstall.folder(settings).toString());
            facts.put("command", String.join(" ", command));
            facts.put("log", log.toString());
            facts.put("pid", String.valueOf(process.pid()));
            facts.put("listens", "all interfaces (Portkey's server has no host option); requests go to 127.0.0.1");
            return new PortkeyGateway(process, "http://127.0.0.1:" + port + "/v1",
                    routingHeaders(backendUrl, backendKey), facts);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** The ready line can come before the socket accepts; connect until it does (bounded). */
    private static void awaitListening(int port, LaunchedProcess process) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline || !process.alive()) {
                    throw new TargetStartException("portkey: port " + port + " does not accept connections (log: "
                            + process.log() + ")");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    @Override
    public String name() {
        return "portkey";
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public List<MonitoredProcess> processes() {
        return List.of(new MonitoredProcess("gateway", process.pid()));
    }

    @Override
    public Map<String, String> facts() {
        return facts;
    }

    @Override
    public void close() {
        process.close();
    }
}
