package io.sluice.processors.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheRequestTest {

    private static CacheRequest.Outcome analyse(String body, CachePolicy policy) {
        return CacheRequest.analyse(new PromptRecord("r", "sub", "k", "m", Operation.CHAT, false, false, 0, "t",
                Map.of(), body.getBytes(StandardCharsets.UTF_8)), policy);
    }

    @Test
    void keyOrderAndWhiteSpaceDoNotChangeTheEntryKey() {
        CachePolicy p = CachePolicy.defaults();
        CacheKey a = analyse("{\"temperature\":0.2,\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi  "
                + "there\"}]}", p).key();
        CacheKey b = analyse("{\"messages\":[{\"content\":\" Hi there \",\"role\":\"user\"}],\"model\":\"m\","
                + "\"temperature\":0.2,\"stream\":true}", p).key();
        assertThat(a.entry()).isEqualTo(b.entry());
        assertThat(a.text()).isEqualTo("Hi there");
        assertThat(a.scope()).startsWith("m|sub|sys:").contains("|params:");
    }

    @Test
    void textPartsAreComparedAndOtherPartsAreNotCacheable() {
        CachePolicy p = CachePolicy.defaults();
        assertThat(analyse("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]}", p)
                .key().text()).isEqualTo("Hi");
        assertThat(analyse("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]}", p).key())
                .isNull();
        assertThat(analyse("{\"messages\":[]}", p).notCacheable()).isEqualTo("no messages");
    }

    @Test
    void longMessagesAndToolConversationsMatchExactlyOnly() {
        CachePolicy p = CachePolicy.defaults();
        String longText = "x".repeat(p.semanticMaxChars() + 1);
        assertThat(analyse("{\"messages\":[{\"role\":\"user\",\"content\":\"" + longText + "\"}]}", p).key().text())
                .isNull();
        assertThat(analyse("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\","
                + "\"tool_calls\":[{\"id\":\"1\"}]},{\"role\":\"tool\",\"tool_call_id\":\"1\",\"content\":\"42\"},"
                + "{\"role\":\"user\",\"content\":\"and?\"}]}", p).key().text()).isNull();
    }

    @Test
    void withoutVaryBySystemPromptTheSystemPromptIsIgnoredEntirely() {
        CachePolicy d = CachePolicy.defaults();
        CachePolicy loose = new CachePolicy(d.threshold(), d.ttlMs(), true, false, true, List.of(), true, 0, true,
                1000, true);
        String a = "{\"messages\":[{\"role\":\"system\",\"content\":\"A\"},{\"role\":\"user\",\"content\":\"q\"}]}";
        String b = "{\"messages\":[{\"role\":\"system\",\"content\":\"B\"},{\"role\":\"user\",\"content\":\"q\"}]}";
        assertThat(analyse(a, loose).key().entry()).isEqualTo(analyse(b, loose).key().entry());
        assertThat(analyse(a, d).key().entry()).isNotEqualTo(analyse(b, d).key().entry());
    }

    @Test
    void cacheControlDirectivesAreRead() {
        assertThat(CacheControl.parse("No-Cache")).isEqualTo(new CacheControl(true, false));
        assertThat(CacheControl.parse("max-age=0, no-store")).isEqualTo(new CacheControl(true, true));
        assertThat(CacheControl.parse(null)).isEqualTo(new CacheControl(false, false));
    }

    @Test
    void anEntrySurvivesItsBinaryForm() {
        CacheEntry e = new CacheEntry("s", "0", "t", new float[] {0.5f, -0.25f}, 1, 2, "m", "héllo", "stop", null, 3, 4);
        CacheEntry back = CacheEntrySerde.read(CacheEntrySerde.write(e));
        assertThat(back.vector()).containsExactly(0.5f, -0.25f);
        assertThat(back).usingRecursiveComparison().ignoringFields("vector").isEqualTo(e);
        assertThat(HitAnswer.pieces("word ".repeat(40)).stream().reduce("", String::concat)).isEqualTo("word ".repeat(40));
    }
}
