package io.sluice.bench.target;

import io.sluice.bench.config.BackendSettings;
import io.sluice.simulator.BackendSimulator;
import io.sluice.simulator.SimulatorConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The backend every target ends at: the simulator running in this JVM, or an external URL. */
public final class Backend implements AutoCloseable {
    private final BackendSimulator simulator;
    private final String baseUrl;
    private final Map<String, String> facts;

    private Backend(BackendSimulator simulator, String baseUrl, Map<String, String> facts) {
        this.simulator = simulator;
        this.baseUrl = baseUrl;
        this.facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public static Backend start(BackendSettings settings) {
        Map<String, String> facts = new LinkedHashMap<>();
        if (!settings.usesSimulator()) {
            facts.put("kind", "external");
            facts.put("url", settings.url());
            return new Backend(null, settings.url(), facts);
        }
        BackendSimulator simulator = BackendSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withLatencyMs(settings.latencyMs()).withTokensPerSecond(settings.tokensPerSecond())
                .withCompletionTokens(settings.completionTokens()).withInstances(settings.simulatorInstances()));
        facts.put("kind", "simulator (in the benchmark JVM)");
        facts.put("url", simulator.baseUrl());
        facts.put("latencyMs", String.valueOf(settings.latencyMs()));
        facts.put("tokensPerSecond", String.valueOf(settings.tokensPerSecond()));
        facts.put("completionTokens", String.valueOf(settings.completionTokens()));
        facts.put("instances", String.valueOf(settings.simulatorInstances()));
        return new Backend(simulator, simulator.baseUrl(), facts);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Map<String, String> facts() {
        return facts;
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
