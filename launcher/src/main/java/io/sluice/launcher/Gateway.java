package io.sluice.launcher;

import io.sluice.egress.EgressConfig;
import io.sluice.egress.EgressRole;
import io.sluice.egress.backend.BackendEndpoint;
import io.sluice.egress.backend.BackendKind;
import io.sluice.egress.backend.Secret;
import io.sluice.egress.finish.FinishListener;
import io.sluice.ingress.IngressConfig;
import io.sluice.ingress.IngressRole;
import io.sluice.ingress.admin.AdminApi;
import io.sluice.ingress.admin.AdminEndpoints;
import io.sluice.ingress.admin.AdminKeys;
import io.sluice.ingress.models.ModelCatalog;
import io.sluice.kafka.KafkaSettings;
import io.sluice.kafka.TopicCatalog;
import io.sluice.kafka.TopicProvisioner;
import io.sluice.launcher.broker.EmbeddedBroker;
import io.sluice.launcher.config.SluiceConfig;
import io.sluice.launcher.config.SluiceConfig.Role;
import io.sluice.observability.Observability;
import io.sluice.processors.ProcessorsConfig;
import io.sluice.processors.ProcessorsRole;
import io.sluice.processors.routing.ModelRoute;
import io.sluice.records.TopicNames;
import io.sluice.simulator.BackendSimulator;
import io.sluice.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/** The roles of one process, started from a {@link SluiceConfig} and stopped together. */
public final class Gateway implements AutoCloseable {

    private final SluiceConfig config;
    private final List<AutoCloseable> started = new ArrayList<>();
    private EmbeddedBroker broker;
    private BackendSimulator simulator;
    private IngressRole ingress;
    private ProcessorsRole processors;
    private EgressRole egress;
    private GovernanceRuntime governance;
    private BatchRuntime batch;
    private Observability observability = Observability.off();
    private io.opentelemetry.sdk.trace.export.SpanExporter spanExporter;
    private String bootstrapServers;
    private Vertx vertx;

    private Gateway(SluiceConfig config) {
        this.config = config;
    }

    public static Gateway start(SluiceConfig config, Clock clock) {
        return start(config, clock, null);
    }

    /** Starts the gateway with its spans sent to {@code spanExporter} instead of OTLP (tests); null: as configured. */
    static Gateway start(SluiceConfig config, Clock clock, io.opentelemetry.sdk.trace.export.SpanExporter spanExporter) {
        Gateway g = new Gateway(config);
        g.spanExporter = spanExporter;
        try {
            g.startAll(clock);
            return g;
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
    }

    private void startAll(Clock clock) {
        SluiceConfig.Kafka k = config.kafka();
        if (k.embeddedBroker()) {
            SluiceConfig.Embedded e = k.embedded();
            broker = EmbeddedBroker.start(e.host(), e.port(), e.controllerPort(), e.dataDir(), Duration.ofSeconds(90));
            started.add(broker);
            bootstrapServers = broker.bootstrapServers();
        } else {
            bootstrapServers = k.bootstrapServers();
        }
        KafkaSettings kafka = new KafkaSettings(bootstrapServers, k.client());
        TopicNames names = new TopicNames(k.topicPrefix());
        TopicCatalog catalog = new TopicCatalog(names, k.partitions(), k.replicationFactor());
        try (Admin admin = Admin.create(kafka.admin("sluice-setup"))) {
            new TopicProvisioner(admin, Duration.ofSeconds(60)).ensure(catalog.specs());
        }

        adminEndpoints.add(new BackendsEndpoints(this, clock));
        observability = Observability.start(config.observability(), new Observability.Naming(
                config.server().instanceId(), k.topicPrefix(), k.topicPrefix() + "processors"), kafka, names, clock,
                spanExporter);
        started.add(observability);
        adminEndpoints.addAll(observability.adminEndpoints());
        int loops = Math.max(2, Runtime.getRuntime().availableProcessors());
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setWorkerPoolSize(4)
                .setPreferNativeTransport(true));
        started.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));

        if (config.simulator().enabled()) {
            SluiceConfig.Simulator s = config.simulator();
            simulator = await(BackendSimulator.start(vertx, SimulatorConfig.defaults().withPort(s.port())
                    .withLatencyMs(s.latencyMs()).withTokensPerSecond(s.tokensPerSecond())
                    .withCompletionTokens(s.completionTokens())));
            started.add(simulator);
        }

        Producer<String, byte[]> producer = new KafkaProducer<>(
                kafka.hotPathProducer("sluice-" + config.server().instanceId()));
        started.add(producer::close);
        // records no client waits for (usage, reconciliations, cache fills, audit): batched for 5 ms
        Producer<String, byte[]> background = new KafkaProducer<>(
                kafka.backgroundProducer("sluice-background-" + config.server().instanceId(), 5));
        started.add(background::close);
        governance = GovernanceRuntime.start(config, kafka, names, producer, clock);
        started.add(governance);
        CacheRuntime cache = CacheRuntime.of(config.cache(), endpoints(), names);
        started.add(cache);
        SafetyRuntime safety = SafetyRuntime.of(config.safety());
        started.add(safety);
        batch = new BatchRuntime(config.batch(), kafka, names);
        started.add(batch);
        // chosen before the roles start: the ledger advertises it for usage queries
        int httpPort = config.server().port() == 0 ? freePort(config.server().host()) : config.server().port();

        if (config.roles().contains(Role.PROCESSORS)) {
            SluiceConfig.Processors p = config.processors();
            processors = ProcessorsRole.start(new ProcessorsConfig(names, routes(), k.topicPrefix() + "processors",
                    p.exactlyOnce(), p.commitIntervalMs(), p.stateDir().toAbsolutePath().toString(), p.threads(),
                    governance.quota(), cache.settings(), safety.settings(),
                    batch.processorsSettings(governance.keys())), kafka, clock, Duration.ofSeconds(120),
                    observability.stageWatch());
            started.add(processors);
            governance.startLedger(kafka, p.stateDir().toAbsolutePath().toString(),
                    config.roles().contains(Role.INGRESS) ? httpPort : -1);
        }
        if (config.roles().contains(Role.EGRESS)) {
            finishListeners.add(governance.reconciliation(background));
            safety.startWorker(kafka, vertx, producer, names, k.topicPrefix(), config.server().instanceId(), clock);
            FinishListener cacheFill = cache.fillWriter(background);
            if (cacheFill != null) {
                finishListeners.add(cacheFill);
            }
            egress = EgressRole.start(new EgressConfig(names, endpoints(), k.topicPrefix() + "egress",
                    config.egress().maxInFlight(), config.egress().connectionsPerBackend(),
                    config.server().instanceId(), config.routing().retry(), config.routing().policies()),
                    kafka, vertx, producer, clock, new EgressRole.Extensions(finishListeners,
                            observability.callObserver(), safety.responseGuard(background, names, clock), background));
            started.add(egress);
            // closed before egress (reverse order): lines in flight stop before the HTTP client does
            batch.startWorker(egress, config.server().instanceId());
            if (batch.worker() != null) {
                started.add(batch.worker());
            }
        }
        if (config.roles().contains(Role.INGRESS)) {
            SluiceConfig.Server s = config.server();
            adminEndpoints.addAll(governance.endpoints());
            adminEndpoints.add(cache.endpoints(kafka, producer, s.instanceId()));
            ingress = IngressRole.start(new IngressConfig(s.host(), httpPort, s.maxBodyBytes(), s.maxInFlight(),
                    s.defaultTimeoutMs(), s.maxTimeoutMs(), s.instanceId(), names, s.serverTiming(),
                    cache.carriedHeaders(), config.observability().endUserHeader()),
                    kafka, catalog, vertx, producer,
                    new IngressRole.Services(governance.keys(), new ModelCatalog(new ArrayList<>(config.models().keySet())),
                            routeContributors(clock), observability.hopObserver()),
                    clock);
            started.add(ingress);
        } else {
            // no API server in this process: metrics get their own, on the server address
            observability.serveWithoutIngress(vertx, config.server().host(), httpPort,
                    new AdminKeys(new java.util.HashSet<>(config.admin().keySha256())));
        }
        observability.bind(ingress, egress);
    }

    /** The admin API, and /metrics and /dashboard when observability is on. */
    private List<io.sluice.ingress.http.RouteContributor> routeContributors(Clock clock) {
        AdminKeys adminKeys = new AdminKeys(new java.util.HashSet<>(config.admin().keySha256()));
        List<io.sluice.ingress.http.RouteContributor> routes = new ArrayList<>();
        routes.add(new AdminApi(adminKeys, adminEndpoints));
        routes.addAll(observability.routes(adminKeys));
        var batchApi = batch.api(governance.keys(), config.server().instanceId(), clock);
        if (batchApi != null) {
            routes.add(batchApi);
        }
        return routes;
    }

    /** Metrics, traces and logs of this process (off: a registry of nothing). */
    public Observability observability() {
        return observability;
    }

    /** Learn of every request egress finishes, from every capability that needs to. */
    private final List<FinishListener> finishListeners = new ArrayList<>();

    /** Endpoints under /admin, from every capability that has some. */
    private final List<AdminEndpoints> adminEndpoints = new ArrayList<>(List.of(new InstanceEndpoints(this)));

    private Map<String, ModelRoute> routes() {
        Map<String, ModelRoute> routes = new HashMap<>();
        config.models().forEach((name, m) -> routes.put(name, new ModelRoute(name, m.operation(), m.strategy(),
                m.members())));
        return routes;
    }

    private Map<String, BackendEndpoint> endpoints() {
        Map<String, BackendEndpoint> out = new LinkedHashMap<>();
        for (SluiceConfig.Backend b : config.backends()) {
            BackendEndpoint endpoint = switch (b.type()) {
                case "simulator" -> new BackendEndpoint(b.id(), BackendKind.OPENAI, URI.create(simulator.baseUrl()),
                        null, null, null, null, b.connectTimeoutMs());
                case "azure-openai" -> new BackendEndpoint(b.id(), BackendKind.AZURE_OPENAI, URI.create(b.endpoint()),
                        b.deployment(), b.apiVersion(), Secret.of(b.apiKey()), null, b.connectTimeoutMs());
                default -> new BackendEndpoint(b.id(), BackendKind.OPENAI, URI.create(b.baseUrl()), null, null,
                        Secret.of(b.apiKey()), b.model(), b.connectTimeoutMs());
            };
            out.put(b.id(), endpoint);
        }
        return out;
    }

    private static int freePort(String host) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port on " + host + ": " + e.getMessage(), e);
        }
    }

    private static <T> T await(io.vertx.core.Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    public SluiceConfig config() {
        return config;
    }

    /** Something a role's extension started that must stop with the gateway. */
    void closeWithGateway(AutoCloseable resource) {
        started.add(resource);
    }

    /** The HTTP port ingress listens on, or -1 when this process runs no ingress. */
    public int port() {
        return ingress == null ? -1 : ingress.port();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The built-in simulator, or null when it is not running. */
    public BackendSimulator simulator() {
        return simulator;
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    public IngressRole ingress() {
        return ingress;
    }

    public EgressRole egress() {
        return egress;
    }

    public ProcessorsRole processors() {
        return processors;
    }

    /** Token governance of this process: the config view, the ledger. */
    GovernanceRuntime governance() {
        return governance;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        started.clear();
    }
}
