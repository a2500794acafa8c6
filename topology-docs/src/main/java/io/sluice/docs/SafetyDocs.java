package io.sluice.docs;

import io.sluice.records.safety.AuditEvent;
import io.sluice.records.safety.SafetyCheckRequest;
import io.sluice.records.safety.SafetyVerdict;
import io.sluice.safety.detect.PiiDetector;
import io.sluice.safety.policy.AuditSettings;
import io.sluice.safety.policy.Check;
import io.sluice.safety.policy.CheckMode;
import io.sluice.safety.policy.CheckType;
import io.sluice.safety.policy.PolicyBook;
import io.sluice.safety.policy.SafetyPolicy;
import io.sluice.safety.policy.SafetySettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Content safety's part of the generated docs: the audit trail and the external-check round trip. */
final class SafetyDocs {

    private static final Map<String, String> AUDIT = new LinkedHashMap<>();
    private static final Map<String, String> RUN = new LinkedHashMap<>();
    private static final Map<String, String> CATEGORY = new LinkedHashMap<>();
    private static final Map<String, String> CHECK = new LinkedHashMap<>();
    private static final Map<String, String> CALL = new LinkedHashMap<>();
    private static final Map<String, String> VERDICT = new LinkedHashMap<>();
    private static final Map<String, String> RESULT = new LinkedHashMap<>();

    static {
        AUDIT.put("schema_version", "1; fields are only added");
        AUDIT.put("request_id", "the request (also the record key and the client's `x-request-id`)");
        AUDIT.put("timestamp", "when the decision was made (ISO-8601)");
        AUDIT.put("side", "`prompt` (processors) or `response` (egress)");
        AUDIT.put("subscription_id", "the caller's subscription");
        AUDIT.put("key_id", "the API key's id (never the key)");
        AUDIT.put("model", "the model asked for");
        AUDIT.put("policies", "the policies applied (the subscription's and the model's, or the defaults)");
        AUDIT.put("decision", "`allowed`, `logged` (a log-mode check found something), `redacted`, `blocked`, "
                + "`failed_open` (an external check failed; let through), `failed_closed` (refused with 503)");
        AUDIT.put("status", "the HTTP status the client got when the decision ended the request (400, 503)");
        AUDIT.put("checks", "every check that ran, below");
        AUDIT.put("categories", "the categories that tripped a check, below");
        AUDIT.put("latency_ms", "time the checks added: built-in time, plus the wait for external verdicts");
        AUDIT.put("text_sha256", "SHA-256 of the checked text (the prompt's texts, or the answer's), joined by "
                + "new lines");
        AUDIT.put("excerpt", "the start of that text with everything any check found masked (`[REDACTED:<KIND>]`),"
                + " at most `safety.audit.excerpt-chars`");
        AUDIT.put("raw_text", "the text itself: only with `safety.audit.include-raw-text: true`");
        AUDIT.put("detail", "why an external check failed (never a key)");
        RUN.put("check", "`<policy>/<check name>`");
        RUN.put("type", "`keywords`, `regex`, `pii`, `prompt-injection`, `azure-text-analysis`, "
                + "`azure-prompt-shield`, `openai-moderation`");
        RUN.put("mode", "`block`, `redact` or `log`");
        RUN.put("outcome", "`pass`, `hit`, `error` or `timeout`");
        RUN.put("service", "the external service called");
        RUN.put("categories", "what the service reported per category: Azure severity 0-7, moderation score 0-1");
        RUN.put("findings", "matches a built-in check found");
        RUN.put("latency_ms", "how long the check took");
        RUN.put("detail", "why it failed, or a note");
        CATEGORY.put("category", "`hate`, `self_harm`, `sexual`, `violence`, `jailbreak`, `indirect_attack`, "
                + "`custom_blocklists`, `pii`, or a moderation category (`self_harm_intent`, ...)");
        CATEGORY.put("severity", "Azure's label: `safe`, `low`, `medium`, `high`");
        CATEGORY.put("value", "the severity (0-7) or score (0-1)");
        CATEGORY.put("check", "the check that reported it");
        CATEGORY.put("action", "`blocked`, `redacted`, `logged` (or `passed`, under the threshold)");
        CATEGORY.put("types", "PII kinds found, or blocklist matches `<list>:<item id>`");
        CHECK.put("request_id", "the request");
        CHECK.put("deadline_ms", "epoch ms by which the verdict must be written (the policy's `timeout-ms`)");
        CHECK.put("checks", "the calls to make: `id` (`<policy>/<check>`), `type`, `service`, `categories`, "
                + "`blocklists`, `halt_on_blocklist_hit`");
        CHECK.put("text", "every text of the prompt, already redacted by the built-in checks");
        CHECK.put("user_prompt", "the user messages (prompt shields' `userPrompt`)");
        CHECK.put("documents", "tool and function results (prompt shields' `documents`)");
        VERDICT.put("request_id", "the request");
        VERDICT.put("results", "one per call, below");
        RESULT.put("id", "the call's id");
        RESULT.put("type", "the check type");
        RESULT.put("service", "the service called");
        RESULT.put("status", "`ok`, `error` or `timeout`");
        RESULT.put("latency_ms", "the call's duration");
        RESULT.put("categories", "Azure severities or moderation scores per category, as the service named them");
        RESULT.put("flagged", "moderation categories the service flagged");
        RESULT.put("blocklist_hits", "Azure blocklist matches `<list>:<item id>`");
        RESULT.put("attack_detected", "prompt shields: an attack in the user prompt");
        RESULT.put("document_attack", "prompt shields: an attack in a document");
        RESULT.put("detail", "why it failed (never a key)");
    }

    private SafetyDocs() {
    }

    /** A policy with an external check, so the documented topology shows every node of the safety stage. */
    static SafetySettings sample() {
        Check pii = new Check("pii", CheckType.PII, CheckMode.REDACT, true, true, PiiDetector.all(), null);
        Check azure = new Check("azure-text-analysis", CheckType.AZURE_TEXT_ANALYSIS, CheckMode.BLOCK, true, false,
                null, new Check.External("content-safety", Map.of(), List.of(), false));
        SafetyPolicy policy = new SafetyPolicy("standard", List.of(pii, azure), 500, false, 2);
        return new SafetySettings(new PolicyBook(Map.of("standard", policy), Map.of(), Map.of(),
                List.of("standard")), AuditSettings.DEFAULTS, 1024);
    }

    static String topologyNote() {
        return "\nThe `safety` stage (when `safety` attaches a policy) comes first. Its built-in checks run in the "
                + "stream thread; a refused prompt is answered on `reply-sink` (400 `content_filter`) with its usage "
                + "event, before any cache lookup, quota or backend call. A prompt whose policy has external checks "
                + "waits in `safety-pending` (RocksDB, changelogged) while `safety-check-sink` writes it to "
                + "`sluice.safety.checks` in the request's own partition; the egress safety worker calls the "
                + "services and writes the verdict to the same partition of `sluice.safety.verdicts`, which "
                + "`safety-verdict-source` feeds back into the stage, so no stream thread waits on the network. "
                + "Without a verdict by the policy's timeout plus one second the stage decides alone (fail closed or "
                + "open). Every decision goes to `sluice.audit` through `safety-audit-sink`.\n";
    }

    static String schemas() {
        StringBuilder sb = new StringBuilder();
        sb.append("\n## Content-safety audit events (`sluice.audit`)\n\n");
        sb.append("JSON, keyed by request id, one per decision: the processors write prompt-side decisions, "
                + "egress answer-side ones (so a request checked on both sides has two). Only requests a policy "
                + "covers have events. No raw text unless configured.\n\n");
        DocTables.fieldTable(sb, AuditEvent.class, AUDIT, "SafetyDocs");
        sb.append("\n`checks[]`:\n\n");
        DocTables.fieldTable(sb, AuditEvent.CheckRun.class, RUN, "SafetyDocs");
        sb.append("\n`categories[]`:\n\n");
        DocTables.fieldTable(sb, AuditEvent.Category.class, CATEGORY, "SafetyDocs");
        sb.append("\n## External safety checks (`sluice.safety.checks`, `sluice.safety.verdicts`)\n\n");
        sb.append("A check request (JSON, keyed by request id, request metadata in `sluice-*` headers) is written to "
                + "the partition of its request; the verdict (JSON, same key and headers) to the same partition "
                + "of the verdicts topic. Both topics have as many partitions as `sluice.requests`.\n\n");
        DocTables.fieldTable(sb, SafetyCheckRequest.class, CHECK, "SafetyDocs");
        sb.append("\nVerdict:\n\n");
        DocTables.fieldTable(sb, SafetyVerdict.class, VERDICT, "SafetyDocs");
        sb.append("\n`results[]`:\n\n");
        DocTables.fieldTable(sb, SafetyVerdict.Result.class, RESULT, "SafetyDocs");
        return sb.toString();
    }
}
