package io.sluice.simulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One simulator for a test class, with a client for it, put back to its starting state before each
 * test: no faults, the configured controls, an empty request log and no response statistics.
 * Register it on a static field with {@code @RegisterExtension}.
 */
final class SimulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final SimulatorConfig config;
    private BackendSimulator simulator;
    private SimHttp http;

    SimulatorExtension(SimulatorConfig config) {
        this.config = config;
    }

    SimulatorExtension() {
        this(SimulatorConfig.defaults());
    }

    BackendSimulator simulator() {
        return simulator;
    }

    SimHttp http() {
        return http;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator = BackendSimulator.start(config);
        http = new SimHttp(simulator);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        simulator.faults().clear();
        simulator.controls().reset();
        http.send("DELETE", "/_sim/requests", null, SimHttp.BOUND);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        simulator.close();
    }
}
