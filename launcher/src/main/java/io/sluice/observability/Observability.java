package io.sluice.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.sluice.egress.EgressRole;
import io.sluice.egress.observe.CallObserver;
import io.sluice.ingress.IngressRole;
import io.sluice.ingress.admin.AdminEndpoints;
import io.sluice.ingress.admin.AdminKeys;
import io.sluice.ingress.exchange.HopTimings;
import io.sluice.ingress.http.RouteContributor;
import io.sluice.kafka.KafkaSettings;
import io.sluice.observability.activity.UsageTail;
import io.sluice.observability.dashboard.DashboardEndpoints;
import io.sluice.observability.dashboard.DashboardPage;
import io.sluice.observability.feed.UsageFeed;
import io.sluice.observability.logging.RequestLog;
import io.sluice.observability.metrics.BackendCallMeters;
import io.sluice.observability.metrics.HopMeters;
import io.sluice.observability.metrics.HttpMeters;
import io.sluice.observability.metrics.KafkaClientMeters;
import io.sluice.observability.metrics.MetricsRoute;
import io.sluice.observability.metrics.RoleGauges;
import io.sluice.observability.metrics.UsageMeters;
import io.sluice.observability.tracing.BackendCallSpans;
import io.sluice.observability.tracing.IngressSpans;
import io.sluice.observability.tracing.StageSpans;
import io.sluice.observability.tracing.Tracing;
import io.sluice.processors.stage.StageWatch;
import io.sluice.records.TopicNames;
import io.sluice.records.UsageEvent;
import io.sluice.records.safety.AuditEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Everything one process exposes about itself: one Prometheus registry, the tracer, the request
 * log, the usage readers behind the dashboard, and the hooks each role takes. Built before the
 * roles (they take its hooks), bound to them after they started (gauges read them).
 */
public final class Observability implements AutoCloseable {

    private final ObservabilitySettings settings;
    private final PrometheusMeterRegistry registry;
    private final Tracing tracing;
    private final KafkaClientMeters kafkaMeters;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Clock clock;
    private final Naming naming;
    private final KafkaSettings kafka;
    private final TopicNames topics;
    private UsageTail tail;

    /**
     * Client ids and group ids this gateway uses, to tell its own Kafka clients from others in the JVM.
     *
     * @param instanceId        this instance's id
     * @param groupPrefix       prefix of this gateway's consumer groups and Streams application ids
     * @param processorsAppId   the processors' Streams application id
     */
    public record Naming(String instanceId, String groupPrefix, String processorsAppId) {
    }

    private Observability(ObservabilitySettings settings, PrometheusMeterRegistry registry, Tracing tracing,
            Clock clock, Naming naming, KafkaSettings kafka, TopicNames topics) {
        this.settings = settings;
        this.registry = registry;
        this.tracing = tracing;
        this.clock = clock;
        this.naming = naming;
        this.kafka = kafka;
        this.topics = topics;
        this.kafkaMeters = registry == null ? null : new KafkaClientMeters(registry, this::consumerRole, this::ours);
        if (tracing != null) {
            closeables.add(tracing);
        }
    }

    /** Nothing observed: no registry, no tracer, hooks that do nothing. */
    public static Observability off() {
        return new Observability(ObservabilitySettings.off(), null, null, Clock.systemUTC(), null, null, null);
    }

    /**
     * Creates the registry and the tracer and starts reading usage.
     *
     * @param spanExporter replaces the OTLP exporter (tests), or null
     */
    public static Observability start(ObservabilitySettings settings, Naming naming, KafkaSettings kafka,
            TopicNames topics, Clock clock, SpanExporter spanExporter) {
        if (!settings.enabled()) {
            return off();
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Observability o = new Observability(settings, registry,
                Tracing.start(settings, naming.instanceId(), spanExporter), clock, naming, kafka, topics);
        try {
            o.bindJvm();
            o.startReaders();
            return o;
        } catch (RuntimeException e) {
            o.close();
            throw e;
        }
    }

    private void bindJvm() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        closeables.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    private void startReaders() {
        UsageMeters meters = new UsageMeters(registry);
        List<Consumer<UsageEvent>> usage = new ArrayList<>();
        usage.add(meters::usage);
        List<Consumer<AuditEvent>> audit = new ArrayList<>();
        audit.add(meters::audit);
        if (settings.requestLog()) {
            RequestLog log = new RequestLog();
            usage.add(log);
            audit.add(log::audit);
        }
        UsageFeed feed = new UsageFeed(kafka, naming.groupPrefix() + "observability",
                "observability-feed-" + naming.instanceId(), topics.usage(), topics.audit(), clock.millis(), usage,
                audit);
        feed.start();
        closeables.add(feed);
        tail = new UsageTail(kafka, "observability-tail-" + naming.instanceId(), topics.usage(),
                settings.activityDays(), clock);
        tail.start();
        closeables.add(tail);
        Gauge.builder("sluice.active.subscriptions", tail, t -> t.activity().current(clock.millis())[0])
                .description("Subscriptions with a finished request in the current UTC hour (whole gateway)")
                .tag("window", "hour").register(registry);
        Gauge.builder("sluice.active.subscriptions", tail, t -> t.activity().current(clock.millis())[2])
                .description("Subscriptions with a finished request in the current UTC hour (whole gateway)")
                .tag("window", "day").register(registry);
        Gauge.builder("sluice.active.end.users", tail, t -> t.activity().current(clock.millis())[1])
                .description("End users (the OpenAI user field) with a finished request (whole gateway)")
                .tag("window", "hour").register(registry);
        Gauge.builder("sluice.active.end.users", tail, t -> t.activity().current(clock.millis())[3])
                .description("End users (the OpenAI user field) with a finished request (whole gateway)")
                .tag("window", "day").register(registry);
    }

    public boolean enabled() {
        return registry != null;
    }

    /** The registry, or null when observability is off. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The processors' hook: a span per stage. */
    public StageWatch stageWatch() {
        return tracing == null ? StageWatch.NONE : new StageSpans(tracing);
    }

    /** Egress's hook: backend call metrics and spans. */
    public CallObserver callObserver() {
        if (registry == null) {
            return CallObserver.NONE;
        }
        return CombinedCallObserver.of(new BackendCallMeters(registry),
                tracing == null ? CallObserver.NONE : new BackendCallSpans(tracing));
    }

    /** Ingress's hop observer: per-hop times and the latency the gateway added. */
    public Consumer<HopTimings> hopObserver() {
        return registry == null ? null : new HopMeters(registry);
    }

    /** Routes on the ingress router: the HTTP meters and server spans, {@code /metrics}, {@code /dashboard}. */
    public List<RouteContributor> routes(AdminKeys adminKeys) {
        if (registry == null) {
            return List.of();
        }
        List<RouteContributor> routes = new ArrayList<>();
        routes.add(new HttpMeters(registry));
        if (tracing != null) {
            routes.add(new IngressSpans(tracing));
        }
        routes.add(new MetricsRoute(registry, kafkaMeters::refresh, settings.metricsRequireAdminKey() ? adminKeys : null));
        routes.add(new DashboardPage());
        return routes;
    }

    /** Endpoints under /admin: the dashboard's data and user activity. */
    public List<AdminEndpoints> adminEndpoints() {
        return tail == null ? List.of() : List.of(new DashboardEndpoints(tail, clock, settings.activityDays()));
    }

    /**
     * Serves {@code /metrics} (and {@code /healthz}) on its own HTTP server, for a process that runs
     * no ingress and so has no API server to add it to.
     */
    public void serveWithoutIngress(Vertx vertx, String host, int port, AdminKeys adminKeys) {
        if (registry == null) {
            return;
        }
        Router router = Router.router(vertx);
        new HttpMeters(registry).mount(router, vertx);
        router.get("/healthz").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end("{\"status\":\"ok\"}"));
        new MetricsRoute(registry, kafkaMeters::refresh, settings.metricsRequireAdminKey() ? adminKeys : null)
                .mount(router, vertx);
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            closeables.add(() -> server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("could not serve /metrics on " + host + ":" + port + ": "
                    + cause.getMessage() + ". Free the port or set server.port.", cause);
        }
    }

    /** Gauges of the roles this process runs (null for a role it does not run). */
    public void bind(IngressRole ingress, EgressRole egress) {
        if (registry == null) {
            return;
        }
        if (ingress != null) {
            RoleGauges.ingress(registry, ingress);
        }
        if (egress != null) {
            RoleGauges.egress(registry, egress);
        }
        kafkaMeters.refresh();
    }

    private String consumerRole(String clientId) {
        if (clientId.equals("egress-" + naming.instanceId())) {
            return "dispatch";
        }
        if (clientId.equals("ingress-replies-" + naming.instanceId())) {
            return "replies";
        }
        if (clientId.startsWith(naming.processorsAppId() + "-") && clientId.endsWith("-consumer")
                && !clientId.endsWith("-restore-consumer")) {
            return "requests";
        }
        return null;
    }

    private boolean ours(String clientId) {
        return clientId.endsWith("-" + naming.instanceId()) || clientId.equals("sluice-" + naming.instanceId())
                || clientId.startsWith(naming.processorsAppId() + "-");
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        closeables.clear();
        if (registry != null) {
            registry.close();
        }
    }
}
