package io.sluice.bench.load;

import io.sluice.bench.config.LoadSettings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Offers load to one target with a non-blocking HTTP/1.1 keep-alive client on event loops of its own, one worker per
 * event loop. Blocking methods are for the benchmark's main thread.
 */
public final class LoadGenerator implements AutoCloseable {
    private static final long START_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LoadSettings settings;
    private final RequestTemplate template;
    private final LongSupplier clock;
    private final Vertx vertx;
    private final HttpClientAgent client;

    public LoadGenerator(LoadSettings settings, RequestTemplate template) {
        this(settings, template, System::nanoTime);
    }

    LoadGenerator(LoadSettings settings, RequestTemplate template, LongSupplier clock) {
        this.settings = settings;
        this.template = template;
        this.clock = clock;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(settings.clientEventLoops()));
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true)
                        .setPipelining(false).setTcpNoDelay(true)
                        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.requestTimeoutMs())),
                new PoolOptions().setHttp1MaxSize(settings.connections()));
    }

    /** Sends one request and returns its status and the start of its body; throws if it cannot be sent. */
    public String probe() {
        HttpExchange exchange = new HttpExchange(client, template, settings.requestTimeoutMs(), clock);
        return await(exchange.probe(), settings.requestTimeoutMs() + 5_000);
    }

    /** Runs one step and returns what it measured; blocks until every answer is in or the step gives up on them. */
    public StepMeasurement run(LoadStep step) {
        int workers = workersFor(step.shape());
        long start = clock.getAsLong() + START_LEAD_NANOS;
        OutstandingLimit limit = new OutstandingLimit(settings.maxOutstanding());
        List<Promise<StepRecorder>> results = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            results.add(Promise.promise());
        }
        AtomicInteger index = new AtomicInteger();
        LoadWorker[] deployed = new LoadWorker[workers];
        Future<String> deployment = vertx.deployVerticle(() -> {
            int i = index.getAndIncrement();
            WorkerPlan plan = new WorkerPlan(i, workers, step, start, client, template, settings.requestTimeoutMs(),
                    clock, limit);
            LoadWorker worker = worker(plan, results.get(i));
            synchronized (deployed) {
                deployed[i] = worker;
            }
            return worker;
        }, new DeploymentOptions().setInstances(workers));
        String deploymentId = await(deployment, 30_000);
        try {
            if (step.shape() instanceof LoadShape.OpenLoop open) {
                List<OpenLoopWorker> openWorkers = new ArrayList<>();
                synchronized (deployed) {
                    for (LoadWorker w : deployed) {
                        openWorkers.add((OpenLoopWorker) w);
                    }
                }
                Pacer.start(new OpenLoopSchedule(start, open.ratePerSecond(),
                        TimeUnit.MILLISECONDS.toNanos(step.durationMs())), openWorkers, clock);
            }
            List<Future<StepRecorder>> futures = results.stream().map(Promise::future).toList();
            long waitMs = step.durationMs() + settings.requestTimeoutMs() + 60_000;
            StepRecorder merged = new StepRecorder();
            for (Future<StepRecorder> f : futures) {
                merged.addAll(await(f, waitMs));
            }
            return new StepMeasurement(step, merged, start, start + TimeUnit.MILLISECONDS.toNanos(step.durationMs()));
        } finally {
            await(vertx.undeploy(deploymentId), 30_000);
        }
    }

    private int workersFor(LoadShape shape) {
        if (shape instanceof LoadShape.ClosedLoop closed) {
            return Math.min(settings.clientEventLoops(), closed.concurrency());
        }
        return settings.clientEventLoops();
    }

    private LoadWorker worker(WorkerPlan plan, Promise<StepRecorder> result) {
        if (plan.step().shape() instanceof LoadShape.OpenLoop) {
            return new OpenLoopWorker(plan, result);
        }
        LoadShape.ClosedLoop closed = (LoadShape.ClosedLoop) plan.step().shape();
        return new ClosedLoopWorker(plan, ClosedLoopWorker.share(closed.concurrency(), plan.workers(), plan.index()),
                result);
    }

    @Override
    public void close() {
        await(client.close().eventually(() -> vertx.close()), 30_000);
    }

    private static <T> T await(Future<T> future, long timeoutMs) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + timeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
