package io.sluice.egress.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.egress.finish.FinishListener;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.TopicNames;
import io.sluice.records.UsageEvent;
import io.sluice.records.cache.CacheAttributes;
import io.sluice.records.cache.CacheFill;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class CacheFillWriterTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final CacheFillWriter writer = new CacheFillWriter(producer, TOPICS);

    private static PromptRecord prompt(boolean storable) {
        Map<String, String> attrs = storable ? Map.of(CacheAttributes.ENTRY, "e1", CacheAttributes.SCOPE, "m|s",
                CacheAttributes.CONTEXT, "0", CacheAttributes.PARTITION_KEY, "counter-1", CacheAttributes.TTL_MS,
                "60000", CacheAttributes.TEXT, "hi", CacheAttributes.VECTOR, "AAAAAA==") : Map.of();
        return new PromptRecord("r1", "sub", "k", "gpt-4o-mini", Operation.CHAT, false, false, Long.MAX_VALUE,
                "replies", attrs, "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static UsageEvent usage(int status) {
        return UsageEvent.builder().requestId("r1").status(status).promptTokens(7).completionTokens(5).build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final String BODY = "{\"model\":\"gpt-4o-mini-2024\",\"system_fingerprint\":\"fp\",\"choices\":"
            + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\"},\"finish_reason\":\"stop\"}]}";

    @Test
    void storesAWholeTextAnswerKeyedLikeTheRequest() {
        writer.finished(prompt(true), usage(200), new FinishListener.Answer(200, bytes(BODY), null));
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<String, byte[]> r = producer.history().get(0);
        assertThat(r.topic()).isEqualTo(TOPICS.cacheFill());
        assertThat(r.key()).isEqualTo("counter-1");
        CacheFill f = CacheFill.fromJson(r.value());
        assertThat(f.kind()).isEqualTo(CacheFill.STORE);
        assertThat(f.entry()).isEqualTo("e1");
        assertThat(f.content()).isEqualTo("Hello!");
        assertThat(f.model()).isEqualTo("gpt-4o-mini-2024");
        assertThat(f.systemFingerprint()).isEqualTo("fp");
        assertThat(f.ttlMs()).isEqualTo(60_000);
        assertThat(f.promptTokens()).isEqualTo(7);
        assertThat(f.completionTokens()).isEqualTo(5);
        assertThat(f.vector()).isEqualTo("AAAAAA==");
    }

    @Test
    void joinsTheContentOfAStreamedAnswer() {
        List<byte[]> chunks = List.of(
                bytes("{\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}"),
                bytes("{\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}"),
                bytes("{\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}"),
                bytes("{\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"),
                bytes("{\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":5}}"));
        writer.finished(prompt(true), usage(200), new FinishListener.Answer(200, null, chunks));
        CacheFill f = CacheFill.fromJson(producer.history().get(0).value());
        assertThat(f.content()).isEqualTo("Hello");
        assertThat(f.finishReason()).isEqualTo("stop");
    }

    @Test
    void storesNothingForUnmarkedRequestsErrorsToolCallsOrFilteredAnswers() {
        writer.finished(prompt(false), usage(200), new FinishListener.Answer(200, bytes(BODY), null));
        writer.finished(prompt(true), usage(502), null);
        writer.finished(prompt(true), usage(200), new FinishListener.Answer(200, bytes(
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":"
                        + "[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
                        + "\"finish_reason\":\"tool_calls\"}]}"), null));
        writer.finished(prompt(true), usage(200), new FinishListener.Answer(200, bytes(
                BODY.replace("\"stop\"", "\"content_filter\"")), null));
        writer.finished(prompt(true), usage(200), new FinishListener.Answer(200, bytes("not json"), null));
        writer.finished(prompt(true), usage(200), new FinishListener.Answer(200, null,
                List.of(bytes("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"cut\"}}]}"))));
        assertThat(producer.history()).isEmpty();
    }
}
