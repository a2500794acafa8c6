package io.sluice.ingress;

import io.sluice.ingress.auth.KeyDirectory;
import io.sluice.ingress.exchange.HopTimings;
import io.sluice.ingress.exchange.PendingExchanges;
import io.sluice.ingress.http.IngressVerticle;
import io.sluice.ingress.http.OpenAiApi;
import io.sluice.ingress.http.RouteContributor;
import io.sluice.ingress.models.ModelCatalog;
import io.sluice.ingress.publish.RequestPublisher;
import io.sluice.ingress.reply.ReplyListener;
import io.sluice.kafka.KafkaSettings;
import io.sluice.kafka.TopicCatalog;
import io.sluice.kafka.TopicProvisioner;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;

/** Runs the ingress role: the HTTP server, its reply topic and the listener that completes exchanges. */
public final class IngressRole implements AutoCloseable {

    private final Vertx vertx;
    private final List<String> deployments;
    private final ReplyListener replies;
    private final PendingExchanges pending;
    private final int port;

    private IngressRole(Vertx vertx, List<String> deployments, ReplyListener replies, PendingExchanges pending,
            int port) {
        this.vertx = vertx;
        this.deployments = deployments;
        this.replies = replies;
        this.pending = pending;
        this.port = port;
    }

    /** What ingress needs from the rest of the gateway. */
    public record Services(KeyDirectory keys, ModelCatalog models, List<RouteContributor> routes,
            Consumer<HopTimings> hopObserver) {
        public Services {
            routes = List.copyOf(routes);
            hopObserver = hopObserver == null ? t -> { } : hopObserver;
        }
    }

    public static IngressRole start(IngressConfig config, KafkaSettings kafka, TopicCatalog topics, Vertx vertx,
            Producer<String, byte[]> producer, Services services, Clock clock) {
        try (Admin admin = Admin.create(kafka.admin("ingress-admin-" + config.instanceId()))) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(List.of(topics.replies(config.instanceId())));
        }
        PendingExchanges pending = new PendingExchanges(config.maxInFlight(), config.serverTiming());
        ReplyListener replies = new ReplyListener(
                new KafkaConsumer<>(kafka.hotPathConsumer("ingress-replies-" + config.instanceId(), null)),
                config.topics().replies(config.instanceId()), pending, clock, services.hopObserver());
        replies.start();
        RequestPublisher publisher = new RequestPublisher(producer, config.topics());
        publisher.warmUp();
        OpenAiApi api = new OpenAiApi(config, services.keys(), services.models(), pending, publisher, clock);

        // Vert.x spreads connections over servers that share one requested port, so an
        // ephemeral port is chosen up front rather than left to the first bind.
        int port = config.port() == 0 ? freePort(config.host()) : config.port();
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<String> deployments = new ArrayList<>();
        deployments.add(await(vertx.deployVerticle(
                () -> new IngressVerticle(api, services.routes(), config.host(), port),
                new DeploymentOptions().setInstances(loops))));
        return new IngressRole(vertx, deployments, replies, pending, port);
    }

    private static String await(io.vertx.core.Future<String> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("could not start the HTTP server: " + cause.getMessage(), cause);
        }
    }

    private static int freePort(String host) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port on " + host + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** Exchanges currently waiting for their reply. */
    public int openExchanges() {
        return pending.size();
    }

    @Override
    public void close() {
        for (String id : deployments) {
            try {
                vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // shutting down anyway
            }
        }
        replies.close();
    }
}
