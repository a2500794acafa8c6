package io.sluice.simulator.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;

/** One HTTP server of the simulator; several instances share a port to use more event loops. */
public final class SimulatorVerticle extends VerticleBase {

    private final SimulatorState state;
    private final int port;
    private volatile int actualPort;

    public SimulatorVerticle(SimulatorState state, int port) {
        this.state = state;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(state.config().host())
                .setPort(port)
                .setTcpNoDelay(true);
        return vertx.createHttpServer(options)
                .requestHandler(SimulatorRoutes.create(vertx, state))
                .listen()
                .onSuccess(server -> actualPort = server.actualPort());
    }

    /** The port this server listens on, once started. */
    public int actualPort() {
        return actualPort;
    }
}
