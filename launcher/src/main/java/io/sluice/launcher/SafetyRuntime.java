package io.sluice.launcher;

import io.sluice.egress.safety.AuditWriter;
import io.sluice.egress.safety.ExternalChecks;
import io.sluice.egress.safety.ResponseGuard;
import io.sluice.egress.safety.SafetyCheckWorker;
import io.sluice.kafka.KafkaSettings;
import io.sluice.launcher.config.SafetySection;
import io.sluice.records.TopicNames;
import io.sluice.safety.policy.SafetySettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;

/**
 * Content safety in this process: the settings the processors' safety stage runs with, the egress
 * worker that calls the external safety services, and the response-side guard.
 */
final class SafetyRuntime implements AutoCloseable {

    private final SafetySection.Safety safety;
    private HttpClient http;
    private SafetyCheckWorker worker;

    private SafetyRuntime(SafetySection.Safety safety) {
        this.safety = safety;
    }

    static SafetyRuntime of(SafetySection.Safety safety) {
        return new SafetyRuntime(safety);
    }

    /** The processors' settings, or null when safety is off. */
    SafetySettings settings() {
        return safety.settings();
    }

    /** Starts the external-check worker when an attached policy has external checks (egress role). */
    void startWorker(KafkaSettings kafka, Vertx vertx, Producer<String, byte[]> producer, TopicNames names,
            String topicPrefix, String instanceId, Clock clock) {
        if (!safety.needsWorker()) {
            return;
        }
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setKeepAliveTimeout(60), new PoolOptions().setHttp1MaxSize(256).setMaxWaitQueueSize(-1));
        worker = SafetyCheckWorker.start(new ExternalChecks(safety.services(), http, vertx, clock), producer, names,
                kafka, topicPrefix + "safety-worker", instanceId, safety.workerMaxInFlight());
    }

    /** The answer-side guard for egress, writing its audit events with {@code producer}; null when safety is off. */
    ResponseGuard responseGuard(Producer<String, byte[]> producer, TopicNames names, Clock clock) {
        return safety.enabled() ? new ResponseGuard(safety.settings(), new AuditWriter(producer, names), clock) : null;
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        if (http != null) {
            http.close();
        }
    }
}
