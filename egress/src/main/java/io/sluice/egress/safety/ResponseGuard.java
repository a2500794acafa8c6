package io.sluice.egress.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.records.Json;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.safety.AuditEvent;
import io.sluice.safety.policy.SafetyPolicy;
import io.sluice.safety.policy.SafetySettings;
import io.sluice.safety.screen.AuditFactory;
import io.sluice.safety.screen.AuditText;
import io.sluice.safety.screen.BuiltInScreen;
import io.sluice.safety.screen.ContentFilterError;
import io.sluice.safety.screen.Screening;
import io.sluice.safety.screen.Side;
import io.sluice.safety.text.BodyText;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Content safety on the answer side, with the built-in checks of the request's policies that run on
 * responses. A whole answer is checked before it is returned ({@link #check}); a stream is checked
 * chunk by chunk over a sliding window ({@link #open}). Each decision is one audit event.
 */
public final class ResponseGuard {

    private final SafetySettings settings;
    private final AuditFactory audit;
    private final Consumer<AuditEvent> auditSink;
    private final Clock clock;

    public ResponseGuard(SafetySettings settings, Consumer<AuditEvent> auditSink, Clock clock) {
        this.settings = settings;
        this.audit = new AuditFactory(settings.audit(), clock);
        this.auditSink = auditSink;
        this.clock = clock;
    }

    /**
     * What to do with a whole answer.
     *
     * @param body     what to send the client: the answer, the answer redacted, or, when
     *                 {@code filtered}, the answer with its content removed and {@code finish_reason:
     *                 "content_filter"} (usage kept)
     * @param filtered the answer was blocked: it must not be cached
     */
    public record Verdict(byte[] body, boolean filtered, boolean changed) {
    }

    /** The policies whose checks run on this request's answers, or none. */
    List<SafetyPolicy> policies(PromptRecord prompt) {
        if (prompt.operation() != Operation.CHAT) {
            return List.of();
        }
        List<SafetyPolicy> policies = settings.book().forRequest(prompt.subscriptionId(), prompt.model());
        return BuiltInScreen.applies(policies, Side.RESPONSE) ? policies : List.of();
    }

    /** Checks a whole (non-streamed, 2xx) answer. */
    public Verdict check(PromptRecord prompt, byte[] wholeBody) {
        List<SafetyPolicy> policies = policies(prompt);
        if (policies.isEmpty()) {
            return new Verdict(wholeBody, false, false);
        }
        long started = System.nanoTime();
        BodyText text = BodyText.ofAnswer(wholeBody);
        String raw = text.joined();
        Screening s = BuiltInScreen.run(policies, Side.RESPONSE, text.parts());
        AuditText auditText = AuditText.of(raw, s.maskedText(), settings.audit());
        Verdict verdict;
        String decision;
        if (s.blocked()) {
            verdict = new Verdict(filtered(text.root(), s), true, true);
            decision = AuditEvent.BLOCKED;
        } else if (s.redacted()) {
            verdict = new Verdict(text.rewrite(wholeBody, s.replacements()), false, true);
            decision = AuditEvent.REDACTED;
        } else {
            verdict = new Verdict(wholeBody, false, false);
            decision = s.logged() ? AuditEvent.LOGGED : AuditEvent.ALLOWED;
        }
        auditSink.accept(audit.event(prompt, Side.RESPONSE, policies, decision, null, s.runs(), s.categories(),
                (System.nanoTime() - started) / 1e6, auditText, null));
        return verdict;
    }

    /** A guard for one streamed answer; a no-op when no policy checks this request's answers. */
    public StreamGuard open(PromptRecord prompt) {
        List<SafetyPolicy> policies = policies(prompt);
        if (policies.isEmpty()) {
            return StreamGuard.NONE;
        }
        return new WindowedStreamGuard(prompt, policies, settings, audit, auditSink);
    }

    /** The answer with every choice's content removed and finish_reason content_filter. */
    private static byte[] filtered(JsonNode root, Screening s) {
        ObjectNode copy = root.deepCopy();
        ObjectNode result = ContentFilterError.result(s.categories());
        for (JsonNode choice : copy.path("choices")) {
            if (choice instanceof ObjectNode c) {
                if (c.get("message") instanceof ObjectNode m) {
                    m.putNull("content");
                    m.remove("tool_calls");
                    m.remove("refusal");
                }
                if (c.has("text")) {
                    c.put("text", "");
                }
                c.put("finish_reason", "content_filter");
                c.set("content_filter_results", result.deepCopy());
            }
        }
        return Json.toBytes(copy);
    }

    Clock clock() {
        return clock;
    }
}
