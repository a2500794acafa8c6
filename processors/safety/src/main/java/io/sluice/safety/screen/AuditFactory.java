package io.sluice.safety.screen;

import io.sluice.records.PromptRecord;
import io.sluice.records.safety.AuditEvent;
import io.sluice.records.safety.AuditEvent.Category;
import io.sluice.records.safety.AuditEvent.CheckRun;
import io.sluice.safety.policy.AuditSettings;
import io.sluice.safety.policy.SafetyPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Builds audit events: never the raw text unless configured, always its hash and a masked excerpt. */
public final class AuditFactory {

    private final AuditSettings settings;
    private final Clock clock;

    public AuditFactory(AuditSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public AuditSettings settings() {
        return settings;
    }

    /** @param categories every category reported; the event keeps the tripped ones */
    public AuditEvent event(PromptRecord prompt, Side side, List<SafetyPolicy> policies, String decision,
            Integer status, List<CheckRun> runs, List<Category> categories, double latencyMs, AuditText text,
            String detail) {
        return new AuditEvent(AuditEvent.SCHEMA_VERSION, prompt.requestId(), Instant.now(clock).toString(), side.wire(),
                prompt.subscriptionId(), prompt.keyId().isEmpty() ? null : prompt.keyId(), prompt.model(),
                policies.stream().map(SafetyPolicy::name).toList(), decision, status, runs,
                categories.stream().filter(Category::tripped).toList(), Math.round(latencyMs * 1000) / 1000.0,
                text == null ? null : text.sha256(), text == null ? null : text.excerpt(),
                text == null ? null : text.raw(), detail);
    }
}
