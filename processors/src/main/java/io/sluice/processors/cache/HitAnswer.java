package io.sluice.processors.cache;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.records.Json;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cached answer in the shape the client asked for: one {@code chat.completion} body, or for a
 * streaming request the answer re-cut into {@code chat.completion.chunk} events (a role chunk,
 * content chunks, a finish chunk, the usage chunk when {@code include_usage} is set) and the end
 * of the stream. The usage in the body is zero: the backend was not called.
 */
final class HitAnswer {

    /** Content is re-cut into chunks of about this many characters, at word boundaries. */
    static final int CHUNK_CHARS = 64;

    private HitAnswer() {
    }

    static List<ReplyRecord> replies(PromptRecord prompt, CacheEntry entry, Map<String, String> headers,
            long nowEpochSeconds) {
        String id = "chatcmpl-" + prompt.requestId();
        if (!prompt.stream()) {
            ObjectNode body = head(id, "chat.completion", entry, nowEpochSeconds);
            ObjectNode choice = body.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", entry.content());
            message.putNull("refusal");
            choice.putNull("logprobs");
            choice.put("finish_reason", entry.finishReason());
            usage(body.putObject("usage"));
            return List.of(ReplyRecord.response(prompt.requestId(), 200, headers, Json.toBytes(body)));
        }
        List<ReplyRecord> out = new ArrayList<>();
        int seq = 0;
        out.add(ReplyRecord.chunk(prompt.requestId(), seq++, headers,
                chunk(prompt, id, entry, nowEpochSeconds, d -> d.put("role", "assistant").put("content", ""), null)));
        for (String piece : pieces(entry.content())) {
            out.add(ReplyRecord.chunk(prompt.requestId(), seq++, Map.of(),
                    chunk(prompt, id, entry, nowEpochSeconds, d -> d.put("content", piece), null)));
        }
        out.add(ReplyRecord.chunk(prompt.requestId(), seq++, Map.of(),
                chunk(prompt, id, entry, nowEpochSeconds, d -> { }, entry.finishReason())));
        if (prompt.includeUsage()) {
            ObjectNode last = head(id, "chat.completion.chunk", entry, nowEpochSeconds);
            last.putArray("choices");
            usage(last.putObject("usage"));
            out.add(ReplyRecord.chunk(prompt.requestId(), seq++, Map.of(), Json.toBytes(last)));
        }
        out.add(ReplyRecord.end(prompt.requestId(), seq));
        return out;
    }

    private static byte[] chunk(PromptRecord prompt, String id, CacheEntry entry, long now,
            java.util.function.Consumer<ObjectNode> delta, String finishReason) {
        ObjectNode c = head(id, "chat.completion.chunk", entry, now);
        ArrayNode choices = c.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        delta.accept(choice.putObject("delta"));
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (prompt.includeUsage()) {
            c.putNull("usage");
        }
        return Json.toBytes(c);
    }

    private static ObjectNode head(String id, String object, CacheEntry entry, long now) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", id);
        n.put("object", object);
        n.put("created", now);
        n.put("model", entry.model());
        if (entry.systemFingerprint() != null) {
            n.put("system_fingerprint", entry.systemFingerprint());
        }
        return n;
    }

    private static void usage(ObjectNode u) {
        u.put("prompt_tokens", 0);
        u.put("completion_tokens", 0);
        u.put("total_tokens", 0);
    }

    /** The content cut after white space once a piece reaches {@link #CHUNK_CHARS}; joined they are the content. */
    static List<String> pieces(String content) {
        List<String> out = new ArrayList<>();
        if (content == null || content.isEmpty()) {
            return out;
        }
        int start = 0;
        for (int i = 0; i < content.length(); i++) {
            if (i - start >= CHUNK_CHARS && Character.isWhitespace(content.charAt(i))) {
                out.add(content.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < content.length()) {
            out.add(content.substring(start));
        }
        return out;
    }
}
