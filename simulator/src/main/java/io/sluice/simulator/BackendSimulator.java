package io.sluice.simulator;

import io.sluice.simulator.http.SimulatorState;
import io.sluice.simulator.http.SimulatorVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A running OpenAI-compatible fake LLM backend with latency, pacing and fault injection. */
public final class BackendSimulator implements AutoCloseable {

    private static final long BLOCKING_WAIT_SECONDS = 30;
    private static final int SHARED_RANDOM_PORT = -1;

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final SimulatorState state;
    private final int port;
    private final String deploymentId;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BackendSimulator(Vertx vertx, boolean ownsVertx, SimulatorState state, int port,
            String deploymentId) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.state = state;
        this.port = port;
        this.deploymentId = deploymentId;
    }

    /** Starts on a Vert.x instance of its own and returns once listening; {@link #close()} stops that instance. */
    public static BackendSimulator start(SimulatorConfig config) {
        Vertx vertx = Vertx.vertx();
        try {
            return await(start(vertx, config, true), "start");
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** Starts on the given Vert.x instance; {@link #close()} undeploys the servers but leaves the instance running. */
    public static Future<BackendSimulator> start(Vertx vertx, SimulatorConfig config) {
        return start(vertx, config, false);
    }

    private static Future<BackendSimulator> start(Vertx vertx, SimulatorConfig config, boolean ownsVertx) {
        // Vert.x shares one random port among servers that ask for a negative port; port 0 would give each its own.
        int bindPort = config.port() == 0 && config.instances() > 1 ? SHARED_RANDOM_PORT : config.port();
        List<SimulatorVerticle> servers = new CopyOnWriteArrayList<>();
        return vertx.executeBlocking(() -> new SimulatorState(config)).compose(state -> vertx.deployVerticle(() -> {
            SimulatorVerticle server = new SimulatorVerticle(state, bindPort);
            servers.add(server);
            return server;
        }, new DeploymentOptions().setInstances(config.instances()))
                .map(id -> new BackendSimulator(vertx, ownsVertx, state, servers.get(0).actualPort(), id)));
    }

    public int port() {
        return port;
    }

    /** The OpenAI base URL, e.g. {@code http://127.0.0.1:8090/v1}. */
    public String baseUrl() {
        return azureEndpoint() + "/v1";
    }

    /** The Azure OpenAI endpoint, e.g. {@code http://127.0.0.1:8090}, under which {@code /openai/deployments/...} lives. */
    public String azureEndpoint() {
        String host = state.config().host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port;
    }

    public SimulatorConfig config() {
        return state.config();
    }

    public FaultPlan faults() {
        return state.faults();
    }

    public RequestLog requests() {
        return state.requests();
    }

    public SimulatorControls controls() {
        return state.controls();
    }

    /**
     * Stops the servers, and the Vert.x instance if this simulator created it; blocks until done, except when
     * called on an event loop, where it only starts the shutdown.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Future<?> stopping = ownsVertx ? vertx.close() : vertx.undeploy(deploymentId);
        if (!Context.isOnEventLoopThread()) {
            await(stopping, "close");
        }
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(BLOCKING_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Simulator " + what + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Simulator " + what + " did not finish within "
                    + BLOCKING_WAIT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for simulator " + what, e);
        }
    }
}
