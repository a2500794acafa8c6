package io.sluice.ingress.batch;

import io.sluice.ingress.auth.KeyDirectory;
import io.sluice.ingress.http.RouteContributor;
import io.sluice.kafka.KafkaSettings;
import io.sluice.records.TopicNames;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The OpenAI Files and Batch API on the ingress router, authenticated with the same keys as every
 * other endpoint. Everything it keeps is on Kafka: any instance answers for any file or batch, and
 * all of it survives restarts.
 */
public final class BatchApi implements RouteContributor, AutoCloseable {

    private final BatchViews views;
    private final BatchStore store;
    private final FilesEndpoints files;
    private final BatchesEndpoints batches;
    private final Path uploads;

    private BatchApi(BatchViews views, BatchStore store, FilesEndpoints files, BatchesEndpoints batches, Path uploads) {
        this.views = views;
        this.store = store;
        this.files = files;
        this.batches = batches;
        this.uploads = uploads;
    }

    /** Reads the files and batch state topics up to their end, then serves. */
    public static BatchApi start(BatchIngressSettings settings, KeyDirectory keys, KafkaSettings kafka,
            TopicNames topics, String instanceId, Clock clock) {
        BatchViews views = BatchViews.start(kafka, topics, instanceId);
        BatchStore store;
        try {
            store = BatchStore.start(kafka, topics, instanceId);
        } catch (RuntimeException e) {
            views.close();
            throw e;
        }
        Answers answers = new Answers(keys);
        return new BatchApi(views, store, new FilesEndpoints(answers, views, store, settings, clock),
                new BatchesEndpoints(answers, views, store, topics, clock), FilesEndpoints.uploadsDirectory());
    }

    @Override
    public void mount(Router router, Vertx vertx) {
        files.mount(router, vertx, uploads);
        batches.mount(router, vertx);
    }

    @Override
    public void close() {
        store.close();
        views.close();
    }
}
