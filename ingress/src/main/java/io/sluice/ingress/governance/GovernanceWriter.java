package io.sluice.ingress.governance;

import io.sluice.records.TopicNames;
import io.sluice.records.governance.GovernanceView;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes runtime configuration to the config topic. Changes run one at a time on their own thread,
 * so a check against the view and the write it allows are not interleaved with another change
 * made through this instance; each write returns once this instance's view shows it, so a read
 * right after a change sees it.
 */
public final class GovernanceWriter implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final TopicNames topics;
    private final GovernanceView view;
    private final Duration timeout;
    private final ExecutorService changes = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "governance-admin-writes");
        t.setDaemon(true);
        return t;
    });

    public GovernanceWriter(Producer<String, byte[]> producer, TopicNames topics, GovernanceView view,
            Duration timeout) {
        this.producer = producer;
        this.topics = topics;
        this.view = view;
        this.timeout = timeout;
    }

    /** Runs a change (checks and writes) after every change submitted before it. */
    public <T> CompletableFuture<T> change(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        changes.execute(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Writes one entity (null deletes it) and waits until this instance's view has applied it. */
    public void put(String key, byte[] value) {
        try {
            RecordMetadata md = producer.send(new ProducerRecord<>(topics.config(), key, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            view.whenApplied(md.topic() + "-" + md.partition(), md.offset())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigUnavailableException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConfigUnavailableException(e.getCause() == null ? e.toString() : e.getCause().toString(), e);
        }
    }

    /** The configuration could not be written, or the write did not come back within the timeout. */
    public static final class ConfigUnavailableException extends RuntimeException {
        ConfigUnavailableException(String detail, Throwable cause) {
            super(detail, cause);
        }
    }

    @Override
    public void close() {
        changes.shutdown();
    }
}
