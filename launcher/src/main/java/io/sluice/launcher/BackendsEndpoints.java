package io.sluice.launcher;

import io.sluice.egress.EgressRole;
import io.sluice.egress.breaker.BreakerState;
import io.sluice.egress.breaker.CircuitBreaker;
import io.sluice.egress.health.ActiveHealthCheck;
import io.sluice.egress.health.BackendHealthListener;
import io.sluice.egress.pacing.BackendPacer;
import io.sluice.egress.pool.LiveBackend;
import io.sluice.ingress.admin.AdminEndpoints;
import io.sluice.ingress.admin.AdminResponses;
import io.sluice.kafka.KafkaSettings;
import io.sluice.launcher.config.SluiceConfig;
import io.sluice.records.BackendHealth;
import io.sluice.records.TopicNames;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * {@code GET /admin/backends}: each backend's breaker state, calls in flight, recent latency and
 * error rate, capacity and last health check, as this instance's egress sees them. A process
 * without egress shows the breaker states from the backend-health topic.
 */
final class BackendsEndpoints implements AdminEndpoints {

    private final Gateway gateway;
    private final Clock clock;
    private final Map<String, BackendHealth> published = new ConcurrentHashMap<>();

    BackendsEndpoints(Gateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    @Override
    public void mount(Router admin, Vertx vertx) {
        if (gateway.egress() == null) {
            followTopic();
        }
        admin.get("/backends").handler(ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("instance_id", gateway.config().server().instanceId());
            body.put("source", gateway.egress() == null ? "backend-health topic" : "egress");
            List<Object> list = new ArrayList<>();
            for (SluiceConfig.Backend b : gateway.config().backends()) {
                list.add(describe(b, gateway.egress()));
            }
            body.put("backends", list);
            AdminResponses.json(ctx, 200, body);
        });
    }

    private void followTopic() {
        SluiceConfig.Kafka k = gateway.config().kafka();
        KafkaSettings kafka = new KafkaSettings(gateway.bootstrapServers(), k.client());
        BackendHealthListener listener = new BackendHealthListener(new KafkaConsumer<>(kafka.hotPathConsumer(
                "admin-backend-health-" + gateway.config().server().instanceId(), null)),
                new TopicNames(k.topicPrefix()).backendHealth(), h -> published.merge(h.backend(), h,
                        (old, now) -> now.changedAtMs() >= old.changedAtMs() ? now : old), "admin-backend-health");
        listener.start();
        gateway.closeWithGateway(listener);
    }

    private Map<String, Object> describe(SluiceConfig.Backend backend, EgressRole egress) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", backend.id());
        out.put("type", backend.type());
        out.put("models", gateway.config().models().values().stream()
                .filter(m -> m.backends().contains(backend.id())).map(SluiceConfig.Model::name).toList());
        LiveBackend live = egress == null ? null : egress.backends().get(backend.id());
        if (live == null) {
            describePublished(backend.id(), out);
            return out;
        }
        CircuitBreaker.Snapshot s = live.breaker().snapshot();
        out.put("state", s.state().wireName());
        out.put("open_until", s.state() == BreakerState.CLOSED ? null : time(s.openUntilMs()));
        out.put("reason", s.reason());
        out.put("changed_by", s.changedBy());
        out.put("changed_at", s.changedAtMs() == 0 ? null : time(s.changedAtMs()));
        out.put("in_flight", live.load().inFlight());
        double latency = live.load().latencyMs();
        out.put("latency_ms", latency < 0 ? null : Math.round(latency * 10) / 10.0);
        out.put("recent_calls", s.recentCalls());
        out.put("recent_error_rate", Math.round(s.recentErrorRate() * 1000) / 1000.0);
        out.put("consecutive_failures", s.consecutiveFailures());
        BackendPacer.Snapshot p = live.pacer().snapshot();
        if (live.pacer().capacity().limited()) {
            Map<String, Object> capacity = new LinkedHashMap<>();
            capacity.put("requests_per_minute", p.requestsPerMinute());
            capacity.put("tokens_per_minute", p.tokensPerMinute());
            capacity.put("share", p.share());
            capacity.put("requests_available", p.requestsAvailable() < 0 ? null : p.requestsAvailable());
            capacity.put("tokens_available", p.tokensAvailable() < 0 ? null : p.tokensAvailable());
            out.put("capacity", capacity);
        }
        if (egress.healthChecks().containsKey(backend.id())) {
            ActiveHealthCheck.Status h = egress.healthChecks().get(backend.id());
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("last_checked", h == null ? null : time(h.checkedAtMs()));
            check.put("ok", h == null ? null : h.ok());
            check.put("detail", h == null ? null : h.detail());
            out.put("health_check", check);
        }
        return out;
    }

    private void describePublished(String id, Map<String, Object> out) {
        BackendHealth h = published.get(id);
        long now = clock.millis();
        String state = h == null || !h.isOpen() ? "closed" : h.blocksAt(now) ? "open" : "half_open";
        out.put("state", state);
        out.put("open_until", h != null && h.isOpen() ? time(h.openUntilMs()) : null);
        out.put("reason", h == null ? null : h.reason());
        out.put("changed_by", h == null ? null : h.instance());
        out.put("changed_at", h == null ? null : time(h.changedAtMs()));
    }

    private static String time(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
