package io.sluice.processors.safety;

import io.sluice.processors.reply.Rejection;
import io.sluice.records.ApiError;
import io.sluice.records.PromptRecord;
import io.sluice.records.safety.AuditEvent;
import io.sluice.records.safety.AuditEvent.Category;
import io.sluice.records.safety.AuditEvent.CheckRun;
import io.sluice.records.safety.SafetyCheckRequest;
import io.sluice.records.safety.SafetyVerdict;
import io.sluice.safety.policy.SafetyPolicy;
import io.sluice.safety.policy.SafetySettings;
import io.sluice.safety.screen.AuditFactory;
import io.sluice.safety.screen.AuditText;
import io.sluice.safety.screen.BuiltInScreen;
import io.sluice.safety.screen.ContentFilterError;
import io.sluice.safety.screen.ExternalCalls;
import io.sluice.safety.screen.ExternalJudge;
import io.sluice.safety.screen.Judgement;
import io.sluice.safety.screen.Screening;
import io.sluice.safety.screen.Side;
import io.sluice.safety.text.BodyText;
import io.sluice.safety.text.TextPart;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each prompt against the policies of its subscription and model: refuses it (400
 * content_filter), redacts it, or lets it through; asks the external services through the check
 * topic when a policy has external checks, and decides when their verdict (or its timeout) comes.
 */
final class SafetyProcessor implements Processor<String, PromptRecord, String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(SafetyProcessor.class);
    /** How long past the policy's timeout a verdict may travel through Kafka before the stage stops waiting. */
    static final long TRANSPORT_GRACE_MS = 1_000;
    static final Duration SWEEP = Duration.ofMillis(100);
    static final String UNAVAILABLE_CODE = "content_safety_unavailable";

    private final SafetySettings settings;
    private final Clock clock;
    private final String next;
    private final AuditFactory audit;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> pending;
    private Rejection rejection;
    private int partition;

    SafetyProcessor(SafetySettings settings, Clock clock, String next) {
        this.settings = settings;
        this.clock = clock;
        this.next = next;
        this.audit = new AuditFactory(settings.audit(), clock);
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.pending = context.getStateStore(SafetyStage.PENDING);
        this.rejection = new Rejection(clock);
        this.partition = context.taskId().partition();
        context.schedule(SWEEP, PunctuationType.WALL_CLOCK_TIME, t -> sweep());
    }

    @Override
    public void process(Record<String, PromptRecord> record) {
        PromptRecord prompt = record.value();
        if (prompt.attribute(VerdictDeserializer.VERDICT) != null) {
            onVerdict(prompt);
            return;
        }
        List<SafetyPolicy> policies = settings.book().forRequest(prompt.subscriptionId(), prompt.model());
        if (policies.isEmpty()) {
            context.forward(record, next);
            return;
        }
        long started = System.nanoTime();
        BodyText text = BodyText.ofRequest(prompt.body(), prompt.operation());
        List<TextPart> parts = text.parts();
        String raw = text.joined();
        Screening screening = BuiltInScreen.run(policies, Side.PROMPT, parts);
        AuditText auditText = AuditText.of(raw, screening.maskedText(), settings.audit());
        if (screening.blocked()) {
            block(record, prompt, policies, screening.runs(), screening.categories(), elapsedMs(started), auditText);
            return;
        }
        PromptRecord admitted = prompt;
        List<TextPart> checked = parts;
        if (screening.redacted()) {
            admitted = prompt.withBody(text.rewrite(prompt.body(), screening.replacements()));
            checked = redactedParts(parts, screening.replacements());
        }
        if (ExternalCalls.needed(policies)) {
            askServices(record, admitted, policies, screening, checked, elapsedMs(started), auditText);
            return;
        }
        String decision = screening.redacted() ? AuditEvent.REDACTED
                : screening.logged() ? AuditEvent.LOGGED : AuditEvent.ALLOWED;
        emitAudit(record.timestamp(), audit.event(prompt, Side.PROMPT, policies, decision, null, screening.runs(),
                screening.categories(), elapsedMs(started), auditText, null));
        context.forward(record.withValue(admitted), next);
    }

    private static List<TextPart> redactedParts(List<TextPart> parts, List<String> replacements) {
        List<TextPart> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String r = replacements.get(i);
            out.add(r == null ? parts.get(i) : new TextPart(parts.get(i).role(), r));
        }
        return out;
    }

    private void askServices(Record<String, PromptRecord> record, PromptRecord admitted, List<SafetyPolicy> policies,
            Screening screening, List<TextPart> checked, double builtInMs, AuditText auditText) {
        long now = clock.millis();
        long timeout = ExternalCalls.timeoutMs(policies);
        long deadline = Math.min(admitted.deadlineEpochMs(), now + timeout);
        SafetyCheckRequest request = ExternalCalls.request(admitted.requestId(), deadline, policies, checked);
        PendingPrompt waiting = PendingPrompt.of(record, admitted, deadline + TRANSPORT_GRACE_MS, now, builtInMs,
                screening.redacted(), screening.logged(), screening.runs(), screening.categories(), auditText);
        pending.put(admitted.requestId(), waiting.toJson());
        Headers headers = new RecordHeaders(record.headers().toArray());
        admitted.writeTo(headers);
        context.forward(new Record<String, Object>(admitted.requestId(),
                new PartitionedCheck(partition, request.toJsonBytes()), record.timestamp(), headers),
                SafetyStage.CHECK_SINK);
    }

    private void onVerdict(PromptRecord marker) {
        byte[] stored = pending.get(marker.requestId());
        if (stored == null) {
            // already decided (timed out, or a duplicate verdict after a retried transaction)
            LOG.debug("request {}: late or duplicate safety verdict ignored", marker.requestId());
            return;
        }
        pending.delete(marker.requestId());
        decide(PendingPrompt.fromJson(stored), SafetyVerdict.fromJson(marker.body()));
    }

    private void sweep() {
        long now = clock.millis();
        List<KeyValue<String, byte[]>> expired = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = pending.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (PendingPrompt.fromJson(kv.value).expiresAt() <= now) {
                    expired.add(kv);
                }
            }
        }
        for (KeyValue<String, byte[]> kv : expired) {
            pending.delete(kv.key);
            LOG.warn("request {}: no safety verdict arrived in time; is an egress instance running?", kv.key);
            decide(PendingPrompt.fromJson(kv.value), null);
        }
    }

    /** Decides a waiting prompt from its verdict, or from its absence (null). */
    private void decide(PendingPrompt waiting, SafetyVerdict verdict) {
        Record<String, PromptRecord> record = waiting.record();
        PromptRecord prompt = record.value();
        List<SafetyPolicy> policies = settings.book().forRequest(prompt.subscriptionId(), prompt.model());
        Judgement judgement = ExternalJudge.judge(policies, verdict);
        List<CheckRun> runs = new ArrayList<>(waiting.runs());
        runs.addAll(judgement.runs());
        List<Category> categories = new ArrayList<>(waiting.categories());
        categories.addAll(judgement.categories());
        double latency = waiting.builtInMs() + Math.max(0, clock.millis() - waiting.sentAt());
        if (judgement.blocked()) {
            block(record, prompt, policies, runs, categories, latency, waiting.text());
            return;
        }
        if (judgement.failedClosed()) {
            long retryAfter = Math.max(1, judgement.retryAfterSeconds());
            ApiError error = new ApiError(503, "server_error", UNAVAILABLE_CODE, "The content safety check could not "
                    + "be completed (" + judgement.failure() + "), so the prompt was not sent to the model. Retry "
                    + "after " + retryAfter + " s.", null, retryAfter);
            rejection.reject(context, record, prompt, error);
            emitAudit(record.timestamp(), audit.event(prompt, Side.PROMPT, policies, AuditEvent.FAILED_CLOSED, 503,
                    runs, categories, latency, waiting.text(), judgement.failure()));
            return;
        }
        String decision = judgement.failedOpen() ? AuditEvent.FAILED_OPEN
                : waiting.redacted() ? AuditEvent.REDACTED
                : waiting.logged() || judgement.logged() ? AuditEvent.LOGGED : AuditEvent.ALLOWED;
        emitAudit(record.timestamp(), audit.event(prompt, Side.PROMPT, policies, decision, null, runs, categories,
                latency, waiting.text(), judgement.failedOpen() ? judgement.failure() : null));
        context.forward(record, next);
    }

    private void block(Record<String, PromptRecord> record, PromptRecord prompt, List<SafetyPolicy> policies,
            List<CheckRun> runs, List<Category> categories, double latencyMs, AuditText text) {
        List<Category> tripped = categories.stream().filter(Category::tripped).toList();
        rejection.reject(context, record, prompt, ContentFilterError.error(tripped),
                ContentFilterError.body(categories));
        emitAudit(record.timestamp(), audit.event(prompt, Side.PROMPT, policies, AuditEvent.BLOCKED, 400, runs,
                categories, latencyMs, text, null));
    }

    private void emitAudit(long timestamp, AuditEvent event) {
        context.forward(new Record<String, Object>(event.requestId(), event.toJsonBytes(), timestamp,
                new RecordHeaders()), SafetyStage.AUDIT_SINK);
    }

    private static double elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }
}
