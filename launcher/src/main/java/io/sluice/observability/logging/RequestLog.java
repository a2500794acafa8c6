package io.sluice.observability.logging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.records.Json;
import io.sluice.records.UsageEvent;
import io.sluice.records.safety.AuditEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per finished request on the {@code sluice.request} logger, built from its usage
 * event and, when there was one, its prompt-side safety decision. It holds ids, counts and outcomes
 * only: never prompt or answer text, never a key (only the key's id).
 */
public final class RequestLog implements Consumer<UsageEvent> {

    /** The logger the lines go to; the launcher's logback config writes its messages as they are. */
    public static final String LOGGER = "sluice.request";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final int REMEMBERED_DECISIONS = 10_000;

    private final Map<String, String> safety = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_DECISIONS;
        }
    };

    /** Remembers a request's safety decision for its log line (the audit event comes before the usage event). */
    public synchronized void audit(AuditEvent a) {
        if (a.requestId() == null || a.decision() == null) {
            return;
        }
        String before = safety.get(a.requestId());
        // the stricter side wins: a prompt allowed and an answer cut off logs as blocked
        if (before == null || rank(a.decision()) > rank(before)) {
            safety.put(a.requestId(), a.decision());
        }
    }

    @Override
    public void accept(UsageEvent e) {
        if (LOG.isInfoEnabled()) {
            String decision;
            synchronized (this) {
                decision = safety.remove(e.requestId());
            }
            LOG.info(line(e, decision));
        }
    }

    /** The JSON line of one finished request. */
    public static String line(UsageEvent e, String safetyDecision) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("event", "request");
        n.put("timestamp", e.timestamp());
        n.put("request_id", e.requestId());
        n.put("subscription", e.subscriptionId());
        n.put("key_id", e.keyId());
        n.put("model", e.model());
        n.put("backend", e.backend());
        n.put("operation", e.operation());
        n.put("mode", e.mode());
        n.put("status", e.status());
        if (e.errorCode() != null) {
            n.put("error_code", e.errorCode());
        }
        n.put("prompt_tokens", e.promptTokens());
        n.put("completion_tokens", e.completionTokens());
        n.put("total_tokens", e.totalTokens());
        if (e.cachedTokens() != null) {
            n.put("cached_tokens", e.cachedTokens());
        }
        if (e.costUsd() != null) {
            n.put("cost_usd", e.costUsd());
        }
        n.put("latency_ms", e.latencyMs());
        if (e.ttftMs() != null) {
            n.put("ttft_ms", e.ttftMs());
        }
        n.put("attempts", e.attempts() == null ? 0 : e.attempts().size());
        n.put("cache", e.cache() == null ? "none" : e.cache());
        n.put("safety", safetyDecision != null ? safetyDecision
                : "content_filter".equals(e.errorCode()) ? AuditEvent.BLOCKED : "none");
        return n.toString();
    }

    private static int rank(String decision) {
        return switch (decision) {
            case AuditEvent.BLOCKED, AuditEvent.FAILED_CLOSED -> 3;
            case AuditEvent.REDACTED -> 2;
            case AuditEvent.LOGGED, AuditEvent.FAILED_OPEN -> 1;
            default -> 0;
        };
    }
}
