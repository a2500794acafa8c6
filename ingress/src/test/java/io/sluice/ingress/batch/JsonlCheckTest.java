package io.sluice.ingress.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.ingress.http.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonlCheckTest {

    private static String line(String id) {
        return "{\"custom_id\":\"" + id + "\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":"
                + "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}}";
    }

    private static JsonlCheck.Result check(String content) {
        return JsonlCheck.check(content.getBytes(StandardCharsets.UTF_8), 10);
    }

    @Test
    void linesAreNumberedAsAnEditorShowsThemAndBlankOnesAreSkipped() {
        var lines = JsonlCheck.lines((line("a") + "\r\n\n  \n" + line("b")).getBytes(StandardCharsets.UTF_8));
        assertThat(lines).extracting(JsonlCheck.Line::number).containsExactly(1, 4);
        assertThat(new String(lines.get(0).bytes(), StandardCharsets.UTF_8)).doesNotEndWith("\r");
    }

    @Test
    void invalidLinesAreCountedAndNamedWhileTheFileIsKept() {
        var r = check(line("a") + "\nnot json\n" + line("b") + "\n{\"custom_id\":\"c\"}\n");
        assertThat(r.valid()).isEqualTo(2);
        assertThat(r.invalid()).isEqualTo(2);
        assertThat(r.problems()).hasSize(2);
        assertThat(r.problems().get(0)).startsWith("line 2: not valid JSON");
        assertThat(r.problems().get(1)).startsWith("line 4: url must be");
    }

    @Test
    void aFileIsRefusedWhenItCannotRunAtAll() {
        assertThat(catchThrowableOfType(ApiException.class, () -> check("\n \n")).error().message())
                .contains("no request lines");
        assertThat(catchThrowableOfType(ApiException.class, () -> check(line("a") + "\n" + line("a"))).error()
                .message()).contains("line 2").contains("line 1").contains("custom_id 'a'");
        assertThat(catchThrowableOfType(ApiException.class, () -> check("nope\n{}")).error().message())
                .contains("No line of the file is a valid batch request").contains("line 1:").contains("line 2:");
        assertThat(catchThrowableOfType(ApiException.class, () -> JsonlCheck.check(new byte[] {(byte) 0xC3, 0x28},
                10)).error().message()).contains("UTF-8");
        assertThat(catchThrowableOfType(ApiException.class, () -> JsonlCheck.check((line("a") + "\n" + line("b"))
                .getBytes(StandardCharsets.UTF_8), 1)).error().message()).contains("at most 1");
    }
}
