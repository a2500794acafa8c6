package io.sluice.simulator.http;

import io.sluice.simulator.FaultPlan;
import io.sluice.simulator.RequestLog;
import io.sluice.simulator.SimulatorConfig;
import io.sluice.simulator.SimulatorControls;
import io.sluice.simulator.tokens.ChatTokenCounter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** What all server verticles of one simulator share: config, run-time controls, faults, logs and counters. */
public final class SimulatorState {

    private final SimulatorConfig config;
    private final SimulatorControls controls;
    private final FaultPlan faults = new FaultPlan();
    private final RequestLog requests = new RequestLog();
    private final ResponseStats stats = new ResponseStats();
    private final ChatTokenCounter tokens;
    private final String idPrefix;
    private final AtomicLong nextId = new AtomicLong();

    /** Loads the token encodings, so call it off the event loop. */
    public SimulatorState(SimulatorConfig config) {
        this.config = config;
        this.controls = new SimulatorControls(config);
        this.tokens = new ChatTokenCounter();
        this.idPrefix = "chatcmpl-sim" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + "x";
    }

    public SimulatorConfig config() {
        return config;
    }

    public SimulatorControls controls() {
        return controls;
    }

    public FaultPlan faults() {
        return faults;
    }

    public RequestLog requests() {
        return requests;
    }

    public ResponseStats stats() {
        return stats;
    }

    public ChatTokenCounter tokens() {
        return tokens;
    }

    /** A fresh completion id, unique within this simulator. */
    public String nextCompletionId() {
        return idPrefix + nextId.incrementAndGet();
    }
}
