package io.sluice.ingress.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;

/** One HTTP server on the shared port; several instances spread connections over the event loops. */
public final class IngressVerticle extends VerticleBase {

    private final OpenAiApi api;
    private final List<RouteContributor> contributors;
    private final String host;
    private final int port;
    private HttpServer server;

    public IngressVerticle(OpenAiApi api, List<RouteContributor> contributors, String host, int port) {
        this.api = api;
        this.contributors = contributors;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true)
                .setIdleTimeout(0));
        return server.requestHandler(api.router(vertx, contributors)).listen();
    }

    /** The port actually bound (useful when configured as 0). */
    public int actualPort() {
        return server.actualPort();
    }
}
