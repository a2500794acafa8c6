package io.sluice.bench.target;

import io.sluice.bench.config.SluiceSettings;
import io.sluice.bench.process.MonitoredProcess;
import io.sluice.bench.process.ProcFs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Sluice gateway started as a separate JVM with a generated config; its embedded broker is its child process. */
final class SluiceGateway implements Target {
    static final String READY_LINE = "Sluice is running";
    private static final Pattern API_LINE = Pattern.compile("OpenAI API:\\s+(http://\\S+/v1)");
    private static final String BROKER_MAIN = "EmbeddedBrokerMain";

    private final LaunchedProcess process;
    private final String baseUrl;
    private final String key;
    private final List<MonitoredProcess> processes;
    private final Map<String, String> facts;

    private SluiceGateway(LaunchedProcess process, String baseUrl, String key, List<MonitoredProcess> processes,
            Map<String, String> facts) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.key = key;
        this.processes = List.copyOf(processes);
        this.facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** Starts the gateway with its data in {@code workDir}, its config written to {@code config}. */
    static SluiceGateway start(SluiceSettings settings, String backendUrl, String model, Path workDir, Path config,
            Path log, long startupTimeoutMs) {
        Path jar = SluiceJar.locate(settings.jar());
        List<Integer> free = FreePorts.pick(3);
        SluiceConfigFile.Ports ports = new SluiceConfigFile.Ports(free.get(0), free.get(1), free.get(2));
        SluiceConfigFile.write(config, workDir, ports, backendUrl, settings.key(), model, settings.partitions(),
                SluiceConfigFile.extra(settings.configExtra()));
        List<String> command = new ArrayList<>();
        command.add(JavaExecutable.path());
        for (String opt : settings.javaOpts().trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                command.add(opt);
            }
        }
        command.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
        LaunchedProcess process = LaunchedProcess.start(command, workDir, log);
        try {
            process.awaitLine(line -> line.contains(READY_LINE), startupTimeoutMs, "sluice");
            String apiLine = process.awaitLine(line -> API_LINE.matcher(line).find(), 10_000, "sluice");
            Matcher m = API_LINE.matcher(apiLine);
            m.find();
            List<MonitoredProcess> monitored = new ArrayList<>();
            monitored.add(new MonitoredProcess("gateway", process.pid()));
            ProcFs proc = ProcFs.system();
            for (long child : proc.children(process.pid())) {
                if (proc.commandLine(child).orElse("").contains(BROKER_MAIN)) {
                    monitored.add(new MonitoredProcess("broker", child));
                }
            }
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("jar", jar.toString());
            facts.put("command", String.join(" ", command));
            facts.put("config", config.toString());
            facts.put("log", log.toString());
            facts.put("pid", String.valueOf(process.pid()));
            facts.put("brokerPid", monitored.size() > 1 ? String.valueOf(monitored.get(1).pid()) : "not found");
            facts.put("kafkaPort", String.valueOf(ports.kafka()));
            return new SluiceGateway(process, m.group(1), settings.key(), monitored, facts);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "sluice";
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Authorization", "Bearer " + key);
    }

    @Override
    public List<MonitoredProcess> processes() {
        return processes;
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
