package io.sluice.safety.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.records.Json;
import io.sluice.records.Operation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyTextTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsEveryTextOfAChatRequestInOrderWithRoles() {
        BodyText t = BodyText.ofRequest(bytes("""
                {"model":"m","messages":[{"role":"system","content":"be nice"},
                 {"role":"user","content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"x"}}]},
                 {"role":"assistant","content":null,"tool_calls":[{"function":{"name":"f","arguments":"{\\"a\\":1}"}}]},
                 {"role":"tool","content":"result"}]}"""), Operation.CHAT);
        assertThat(t.parts()).containsExactly(new TextPart("system", "be nice"), new TextPart("user", "hi"),
                new TextPart("assistant", "{\"a\":1}"), new TextPart("tool", "result"));
        assertThat(t.joined()).isEqualTo("be nice\nhi\n{\"a\":1}\nresult");
    }

    @Test
    void rewritesOnlyTheReplacedPartsAndKeepsEverythingElse() throws Exception {
        byte[] body = bytes("{\"model\":\"m\",\"temperature\":0.2,\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
                + "{\"role\":\"user\",\"content\":\"b\"}]}");
        BodyText t = BodyText.ofRequest(body, Operation.CHAT);
        byte[] out = t.rewrite(body, Arrays.asList(null, "B"));
        var json = Json.MAPPER.readTree(out);
        assertThat(json.path("messages").get(0).path("content").asText()).isEqualTo("a");
        assertThat(json.path("messages").get(1).path("content").asText()).isEqualTo("B");
        assertThat(json.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(t.rewrite(body, Arrays.asList(null, null))).isSameAs(body);
    }

    @Test
    void readsEmbeddingInputsAndAnswers() {
        assertThat(BodyText.ofRequest(bytes("{\"input\":[\"x\",\"y\"]}"), Operation.EMBEDDINGS).parts())
                .extracting(TextPart::text).containsExactly("x", "y");
        assertThat(BodyText.ofAnswer(bytes("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}}]}"))
                .parts()).containsExactly(new TextPart("assistant", "ok"));
        assertThat(BodyText.ofAnswer(bytes("{\"choices\":[{\"delta\":{\"content\":\"tok\"}}]}")).parts())
                .extracting(TextPart::text).containsExactly("tok");
        assertThat(BodyText.ofRequest(bytes("not json"), Operation.CHAT).parts()).isEqualTo(List.of());
    }
}
