package io.sluice.egress.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.egress.finish.FinishListener;
import io.sluice.records.Json;
import io.sluice.records.PromptRecord;
import io.sluice.records.TopicNames;
import io.sluice.records.UsageEvent;
import io.sluice.records.cache.CacheAttributes;
import io.sluice.records.cache.CacheFill;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores successful answers in the semantic cache: for a request the cache stage marked as
 * storable, writes a {@link CacheFill} with the answer's text to the cache-fill topic, keyed like
 * the request so it reaches the partition that looked it up. Only a whole 2xx answer with one text
 * choice that ended normally is stored (no tool calls, no content filter); producing never blocks
 * the event loop.
 */
public final class CacheFillWriter implements FinishListener {

    private static final Logger LOG = LoggerFactory.getLogger(CacheFillWriter.class);
    private static final Set<String> STORED_FINISH = Set.of("stop", "length");

    private final Producer<String, byte[]> producer;
    private final TopicNames topics;

    public CacheFillWriter(Producer<String, byte[]> producer, TopicNames topics) {
        this.producer = producer;
        this.topics = topics;
    }

    @Override
    public void finished(PromptRecord prompt, UsageEvent usage, Answer answer) {
        String entry = prompt.attribute(CacheAttributes.ENTRY);
        if (entry == null || answer == null || answer.status() / 100 != 2 || usage.status() / 100 != 2) {
            return;
        }
        Optional<Text> text = answer.streamed() ? fromChunks(answer.chunks()) : fromBody(answer.body());
        if (text.isEmpty()) {
            return;
        }
        Text t = text.get();
        long ttl;
        try {
            ttl = Long.parseLong(prompt.attribute(CacheAttributes.TTL_MS));
        } catch (NumberFormatException e) {
            return;
        }
        CacheFill fill = new CacheFill(CacheFill.STORE, prompt.requestId(), entry,
                prompt.attribute(CacheAttributes.SCOPE), prompt.attribute(CacheAttributes.CONTEXT),
                prompt.attribute(CacheAttributes.TEXT), prompt.attribute(CacheAttributes.VECTOR), ttl,
                t.model() != null ? t.model() : prompt.model(), t.content(), t.finishReason(), t.systemFingerprint(),
                usage.promptTokens(), usage.completionTokens());
        String key = prompt.attribute(CacheAttributes.PARTITION_KEY);
        producer.send(new ProducerRecord<>(topics.cacheFill(), key == null ? prompt.subscriptionId() : key,
                fill.toJsonBytes()), (meta, e) -> {
                    if (e != null) {
                        LOG.warn("request {}: answer not stored in the cache: {}", prompt.requestId(), e.toString());
                    }
                });
    }

    /** The text of an answer the cache may keep. */
    record Text(String model, String content, String finishReason, String systemFingerprint) {
    }

    static Optional<Text> fromBody(byte[] body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            JsonNode choices = root.path("choices");
            if (!choices.isArray() || choices.size() != 1) {
                return Optional.empty();
            }
            JsonNode choice = choices.get(0);
            JsonNode message = choice.path("message");
            if (!message.path("content").isTextual() || has(message, "tool_calls") || has(message, "function_call")
                    || has(message, "audio") || has(message, "refusal")) {
                return Optional.empty();
            }
            String finish = choice.path("finish_reason").asText(null);
            if (finish == null || !STORED_FINISH.contains(finish)) {
                return Optional.empty();
            }
            return Optional.of(new Text(root.path("model").asText(null), message.path("content").asText(), finish,
                    root.path("system_fingerprint").asText(null)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Text> fromChunks(List<byte[]> chunks) {
        StringBuilder content = new StringBuilder();
        String model = null;
        String fingerprint = null;
        String finish = null;
        try {
            for (byte[] data : chunks) {
                JsonNode c = Json.MAPPER.readTree(data);
                if (c.has("error")) {
                    return Optional.empty();
                }
                model = model == null ? c.path("model").asText(null) : model;
                fingerprint = fingerprint == null ? c.path("system_fingerprint").asText(null) : fingerprint;
                for (JsonNode choice : c.path("choices")) {
                    if (choice.path("index").asInt(0) != 0) {
                        return Optional.empty();
                    }
                    JsonNode delta = choice.path("delta");
                    if (has(delta, "tool_calls") || has(delta, "function_call") || has(delta, "refusal")) {
                        return Optional.empty();
                    }
                    if (delta.path("content").isTextual()) {
                        content.append(delta.path("content").asText());
                    }
                    if (choice.hasNonNull("finish_reason")) {
                        finish = choice.path("finish_reason").asText();
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (finish == null || !STORED_FINISH.contains(finish)) {
            return Optional.empty();
        }
        return Optional.of(new Text(model, content.toString(), finish, fingerprint));
    }

    private static boolean has(JsonNode node, String field) {
        return node.hasNonNull(field) && !(node.get(field).isArray() && node.get(field).isEmpty());
    }
}
