package io.sluice.egress.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.records.Json;
import io.sluice.records.PromptRecord;
import io.sluice.records.safety.AuditEvent;
import io.sluice.records.safety.AuditEvent.Category;
import io.sluice.records.safety.AuditEvent.CheckRun;
import io.sluice.safety.detect.Finding;
import io.sluice.safety.policy.Check;
import io.sluice.safety.policy.CheckMode;
import io.sluice.safety.policy.CheckType;
import io.sluice.safety.policy.SafetyPolicy;
import io.sluice.safety.policy.SafetySettings;
import io.sluice.safety.screen.AuditFactory;
import io.sluice.safety.screen.AuditText;
import io.sluice.safety.screen.BuiltInScreen;
import io.sluice.safety.screen.ContentFilterError;
import io.sluice.safety.screen.Side;
import io.sluice.safety.text.TextPart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Checks a streamed answer over a sliding window: each chunk's new text is appended to the recent
 * text of its choice, the checks run over that window, and a match that ends in the new text counts
 * (so a match split over chunks is found once). A block-mode match stops the stream; text already
 * sent cannot be taken back, so redact-mode checks only record what they find on streams.
 */
final class WindowedStreamGuard implements StreamGuard {

    /** What one check found over the whole stream. */
    private static final class Tally {
        final String name;
        final Check check;
        int found;
        final TreeSet<String> kinds = new TreeSet<>();

        Tally(String name, Check check) {
            this.name = name;
            this.check = check;
        }
    }

    private final PromptRecord prompt;
    private final List<SafetyPolicy> policies;
    private final SafetySettings settings;
    private final AuditFactory audit;
    private final Consumer<AuditEvent> sink;
    private final Map<Integer, StringBuilder> windows = new HashMap<>();
    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private final MessageDigest digest;
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder raw;
    private long nanos;
    private boolean decided;

    WindowedStreamGuard(PromptRecord prompt, List<SafetyPolicy> policies, SafetySettings settings, AuditFactory audit,
            Consumer<AuditEvent> sink) {
        this.prompt = prompt;
        this.policies = policies;
        this.settings = settings;
        this.audit = audit;
        this.sink = sink;
        this.raw = settings.audit().includeRawText() ? new StringBuilder() : null;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (SafetyPolicy p : policies) {
            for (Check c : p.checks()) {
                if (c.onResponse() && !c.type().external()) {
                    tallies.put(p.name() + "/" + c.id(), new Tally(p.name() + "/" + c.id(), c));
                }
            }
        }
    }

    @Override
    public Step onChunk(byte[] chunkPayload) {
        if (decided) {
            return Step.CONTINUE;
        }
        long started = System.nanoTime();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(chunkPayload);
        } catch (IOException e) {
            return Step.CONTINUE; // [DONE] or a payload that carries no text
        }
        int stopChoice = -1;
        for (JsonNode choice : root.path("choices")) {
            String text = deltaText(choice.path("delta"));
            if (text.isEmpty()) {
                continue;
            }
            int index = choice.path("index").asInt(0);
            record(text);
            if (scan(index, text) && stopChoice < 0) {
                stopChoice = index;
            }
        }
        nanos += System.nanoTime() - started;
        if (stopChoice >= 0) {
            decided = true;
            List<Category> categories = categories();
            emit(AuditEvent.BLOCKED, categories);
            return Step.stop(finalChunk(root, stopChoice, categories));
        }
        return Step.CONTINUE;
    }

    @Override
    public void onEnd() {
        if (decided) {
            return;
        }
        decided = true;
        boolean logged = tallies.values().stream().anyMatch(t -> t.found > 0);
        emit(logged ? AuditEvent.LOGGED : AuditEvent.ALLOWED, categories());
    }

    /** Appends {@code text} to the choice's window and runs the checks; true when a block-mode check matched. */
    private boolean scan(int index, String text) {
        StringBuilder w = windows.computeIfAbsent(index, i -> new StringBuilder());
        w.append(text);
        int freshFrom = w.length() - text.length();
        String window = w.toString();
        boolean block = false;
        for (Tally t : tallies.values()) {
            for (Finding f : t.check.detector().find(window)) {
                if (f.end() > freshFrom) {
                    t.found++;
                    t.kinds.add(f.kind());
                    block |= t.check.mode() == CheckMode.BLOCK;
                }
            }
        }
        int keep = settings.responseWindowChars();
        if (w.length() > keep) {
            w.delete(0, w.length() - keep);
        }
        return block;
    }

    private void record(String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        int room = settings.audit().excerptChars() + 64 - head.length();
        if (room > 0) {
            head.append(text, 0, Math.min(room, text.length()));
        }
        if (raw != null) {
            raw.append(text);
        }
    }

    private static String deltaText(JsonNode delta) {
        StringBuilder sb = new StringBuilder();
        if (delta.path("content").isTextual()) {
            sb.append(delta.get("content").asText());
        }
        if (delta.path("refusal").isTextual()) {
            sb.append(delta.get("refusal").asText());
        }
        for (JsonNode call : delta.path("tool_calls")) {
            if (call.path("function").path("arguments").isTextual()) {
                sb.append(call.path("function").path("arguments").asText());
            }
        }
        return sb.toString();
    }

    private List<Category> categories() {
        List<Category> out = new ArrayList<>();
        for (Tally t : tallies.values()) {
            if (t.found > 0) {
                String action = t.check.mode() == CheckMode.BLOCK ? "blocked" : "logged";
                String category = t.check.type() == CheckType.PII ? "pii"
                        : t.check.type() == CheckType.PROMPT_INJECTION ? "jailbreak" : "custom_blocklists";
                out.add(new Category(category, null, null, t.name, action,
                        t.check.type() == CheckType.PII ? List.copyOf(t.kinds) : null));
            }
        }
        return out;
    }

    private void emit(String decision, List<Category> categories) {
        List<CheckRun> runs = new ArrayList<>();
        for (Tally t : tallies.values()) {
            runs.add(new CheckRun(t.name, t.check.type().configName(), t.check.mode().configName(),
                    t.found > 0 ? "hit" : "pass", null, null, t.found, null,
                    t.check.mode() == CheckMode.REDACT && t.found > 0 ? "streamed text is not redacted; recorded only"
                            : null));
        }
        String masked = BuiltInScreen.run(policies, Side.RESPONSE, List.of(new TextPart("assistant", head.toString())))
                .maskedText();
        AuditText text = AuditText.of(masked, masked, settings.audit());
        AuditText summary = new AuditText(HexFormat.of().formatHex(digest.digest()), text.excerpt(),
                raw == null ? null : raw.toString());
        sink.accept(audit.event(prompt, Side.RESPONSE, policies, decision, null, runs, categories, nanos / 1e6,
                summary, null));
    }

    /** The chunk that ends a stopped stream: no content, finish_reason content_filter, what tripped. */
    private static byte[] finalChunk(JsonNode chunk, int index, List<Category> categories) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (String field : List.of("id", "created", "model", "system_fingerprint")) {
            if (chunk.has(field)) {
                out.set(field, chunk.get(field));
            }
        }
        out.put("object", "chat.completion.chunk");
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", index);
        choice.putObject("delta");
        choice.putNull("logprobs");
        choice.put("finish_reason", "content_filter");
        choice.set("content_filter_results", ContentFilterError.result(categories));
        return Json.toBytes(out);
    }
}
