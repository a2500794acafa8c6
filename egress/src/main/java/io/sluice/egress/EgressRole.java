package io.sluice.egress;

import io.sluice.egress.call.CallContext;
import io.sluice.egress.call.RequestExecution;
import io.sluice.egress.cancel.CancelListener;
import io.sluice.egress.dispatch.DispatchConsumer;
import io.sluice.egress.finish.FinishListener;
import io.sluice.egress.safety.ResponseGuard;
import io.sluice.egress.health.ActiveHealthCheck;
import io.sluice.egress.health.BackendHealthListener;
import io.sluice.egress.health.BackendHealthPublisher;
import io.sluice.egress.observe.CallObserver;
import io.sluice.egress.pool.LiveBackends;
import io.sluice.egress.reply.ReplyWriter;
import io.sluice.kafka.KafkaSettings;
import io.sluice.records.ApiError;
import io.sluice.records.DispatchRecord;
import io.sluice.records.Hop;
import io.sluice.records.MalformedRecordException;
import io.sluice.records.Micros;
import io.sluice.records.ReplyRecord;
import io.sluice.records.UsageEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the egress role: consumes dispatch records and calls the backends, many at a time. */
public final class EgressRole implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EgressRole.class);

    private final EgressConfig config;
    private final Vertx vertx;
    private final HttpClient http;
    private final ReplyWriter writer;
    private final Clock clock;
    private final Context[] contexts;
    private final AtomicInteger nextContext = new AtomicInteger();
    private final Map<String, RequestExecution> inFlight = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong taken = new java.util.concurrent.atomic.AtomicLong();
    private final List<FinishListener> listeners;
    private final LiveBackends backends;
    private final CallContext calls;
    private final Map<String, ActiveHealthCheck> healthChecks = new java.util.LinkedHashMap<>();
    private DispatchConsumer dispatch;
    private CancelListener cancels;
    private BackendHealthListener health;

    private EgressRole(EgressConfig config, Vertx vertx, Producer<String, byte[]> producer, Clock clock,
            Extensions extensions) {
        this.config = config;
        this.listeners = extensions.listeners();
        this.vertx = vertx;
        this.clock = clock;
        this.writer = new ReplyWriter(producer,
                extensions.background() != null ? extensions.background() : producer, config.topics(), clock);
        this.http = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setKeepAliveTimeout(60)
                        .setMaxInitialLineLength(16_384),
                new PoolOptions().setHttp1MaxSize(config.connectionsPerBackend()).setMaxWaitQueueSize(-1));
        this.backends = new LiveBackends(config.backends(), config.policies(), clock, config.instanceId(),
                new BackendHealthPublisher(producer, config.topics().backendHealth()));
        this.calls = new CallContext(http, vertx, writer, clock, backends, config.retry(), this.listeners,
                extensions.observer(), extensions.guard());
        backends.all().forEach(b -> {
            if (b.policy().healthCheck() != null) {
                healthChecks.put(b.id(), new ActiveHealthCheck(b, b.policy().healthCheck(), http, vertx, clock));
            }
        });
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.contexts = new Context[loops];
        for (int i = 0; i < loops; i++) {
            contexts[i] = vertx.getOrCreateContext();
        }
    }

    /**
     * What other capabilities add to egress: {@code listeners} learn of every finished request,
     * {@code observer} of every backend call, {@code guard} checks answers for content safety (null: none);
     * {@code background} sends the records nobody waits for, usage events (null: the hot-path producer).
     */
    public record Extensions(List<FinishListener> listeners, CallObserver observer, ResponseGuard guard,
            Producer<String, byte[]> background) {
        public static final Extensions NONE = new Extensions(List.of(), CallObserver.NONE, null, null);

        public Extensions(List<FinishListener> listeners, CallObserver observer, ResponseGuard guard) {
            this(listeners, observer, guard, null);
        }

        public Extensions {
            listeners = List.copyOf(listeners);
            observer = observer == null ? CallObserver.NONE : observer;
        }
    }

    public static EgressRole start(EgressConfig config, KafkaSettings kafka, Vertx vertx,
            Producer<String, byte[]> producer, Clock clock) {
        return start(config, kafka, vertx, producer, clock, Extensions.NONE);
    }

    public static EgressRole start(EgressConfig config, KafkaSettings kafka, Vertx vertx,
            Producer<String, byte[]> producer, Clock clock, Extensions extensions) {
        EgressRole role = new EgressRole(config, vertx, producer, clock, extensions);
        role.health = new BackendHealthListener(
                new KafkaConsumer<>(kafka.hotPathConsumer("egress-health-" + config.instanceId(), null)),
                config.topics().backendHealth(), role.backends::apply, "egress-backend-health");
        role.health.start();
        role.healthChecks.values().forEach(ActiveHealthCheck::start);
        role.cancels = new CancelListener(
                new KafkaConsumer<>(kafka.hotPathConsumer("egress-cancels-" + config.instanceId(), null)),
                config.topics().cancels(), role::cancel);
        role.cancels.start();
        role.dispatch = new DispatchConsumer(
                new KafkaConsumer<>(kafka.hotPathConsumer("egress-" + config.instanceId(), config.groupId())),
                config.topics().dispatch(), role::handle, config.maxInFlight(), "egress-dispatch",
                role.backends::share);
        role.dispatch.start();
        return role;
    }

    /** The backends this instance calls, with their breakers, pacing and load. */
    public LiveBackends backends() {
        return backends;
    }

    /** The last active health check per backend that has them (null before the first). */
    public Map<String, ActiveHealthCheck.Status> healthChecks() {
        Map<String, ActiveHealthCheck.Status> out = new java.util.LinkedHashMap<>();
        healthChecks.forEach((id, check) -> out.put(id, check.last()));
        return out;
    }

    /** Calls currently in flight in this instance. */
    public int inFlight() {
        return inFlight.size();
    }

    /** Interactive requests this instance has taken on since it started: the batch worker yields while it grows. */
    public long taken() {
        return taken.get();
    }

    /** What this instance's request executions share (HTTP client, backends, retries, observer): the batch worker's calls use it too. */
    public CallContext calls() {
        return calls;
    }

    private void handle(ConsumerRecord<String, byte[]> record, Runnable done) {
        taken.incrementAndGet();
        Hop.EGRESS_IN.stamp(record.headers(), Micros.now(clock));
        DispatchRecord dispatchRecord;
        try {
            dispatchRecord = DispatchRecord.from(record.headers(), record.value());
        } catch (MalformedRecordException e) {
            LOG.warn("skipping malformed dispatch record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            done.run();
            return;
        }
        if (dispatchRecord.backends().stream().noneMatch(config.backends()::containsKey)) {
            rejectUnknownBackend(dispatchRecord, record);
            done.run();
            return;
        }
        String id = dispatchRecord.prompt().requestId();
        Context context = contexts[Math.floorMod(nextContext.getAndIncrement(), contexts.length)];
        RequestExecution execution = new RequestExecution(dispatchRecord, record.headers(), calls, context, () -> {
            inFlight.remove(id);
            done.run();
        });
        inFlight.put(id, execution);
        execution.start();
    }

    private void rejectUnknownBackend(DispatchRecord d, ConsumerRecord<String, byte[]> record) {
        LOG.error("request {}: none of the backends {} is configured in this egress instance",
                d.prompt().requestId(), d.backends());
        ApiError error = ApiError.backendError("no configured backend serves model '" + d.prompt().model() + "'");
        writer.reply(d.prompt(), record.headers(), ReplyRecord.error(d.prompt().requestId(), error, Map.of()));
        writer.usage(UsageEvent.builder().from(d.prompt()).status(error.status()).errorCode(error.code())
                .timestamp(Instant.now(clock).toString()).build());
    }

    private void cancel(String requestId) {
        RequestExecution execution = inFlight.get(requestId);
        if (execution != null) {
            execution.cancel();
        }
    }

    @Override
    public void close() {
        if (dispatch != null) {
            dispatch.close();
        }
        if (cancels != null) {
            cancels.close();
        }
        healthChecks.values().forEach(ActiveHealthCheck::close);
        if (health != null) {
            health.close();
        }
        http.close();
    }
}
