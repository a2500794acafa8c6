package io.sluice.records.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.records.Json;
import io.sluice.records.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchInputLineTest {

    private static BatchInputLine.Parsed parse(String json) {
        return BatchInputLine.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aChatLineParsesWithItsBodyAsTheBackendReceivesIt() throws Exception {
        var p = parse("{\"custom_id\":\"r1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"gpt-4o-mini\",\"user\":\"u7\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}");
        assertThat(p.valid()).isTrue();
        assertThat(p.line().operation()).isEqualTo(Operation.CHAT);
        assertThat(p.line().model()).isEqualTo("gpt-4o-mini");
        assertThat(p.line().endUser()).isEqualTo("u7");
        assertThat(Json.MAPPER.readTree(p.line().body()).path("messages").size()).isEqualTo(1);
    }

    @Test
    void eachMistakeIsNamedWithTheFieldToFix() {
        assertThat(parse("{\"custom_id\": oops").error().code()).isEqualTo("invalid_json");
        assertThat(parse("[1,2]").error().code()).isEqualTo("invalid_line");
        assertThat(parse("{\"method\":\"POST\"}").error().param()).isEqualTo("custom_id");
        var url = parse("{\"custom_id\":\"a\",\"url\":\"/v1/images\",\"body\":{}}");
        assertThat(url.error().code()).isEqualTo("invalid_url");
        assertThat(url.error().message()).contains("/v1/images");
        assertThat(url.customId()).isEqualTo("a");
        assertThat(parse("{\"custom_id\":\"a\",\"method\":\"GET\",\"url\":\"/v1/embeddings\",\"body\":{}}").error()
                .code()).isEqualTo("invalid_method");
        assertThat(parse("{\"custom_id\":\"a\",\"url\":\"/v1/embeddings\"}").error().code()).isEqualTo("missing_body");
        assertThat(parse("{\"custom_id\":\"a\",\"url\":\"/v1/embeddings\",\"body\":{\"input\":\"x\"}}").error()
                .param()).isEqualTo("body.model");
        assertThat(parse("{\"custom_id\":\"a\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"m\","
                + "\"stream\":true,\"messages\":[{}]}}").error().param()).isEqualTo("body.stream");
    }

    @Test
    void completionWindowsAcceptHoursMinutesAndSecondsUpToAWeek() {
        assertThat(CompletionWindow.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(CompletionWindow.parse("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(CompletionWindow.parse("600s")).isEqualTo(Duration.ofSeconds(600));
        assertThat(CompletionWindow.parse("169h")).isNull();
        assertThat(CompletionWindow.parse("1d")).isNull();
        assertThat(CompletionWindow.parse("0h")).isNull();
    }

    @Test
    void resultFileIdsNameTheirBatch() {
        String batch = BatchIds.newBatchId();
        assertThat(BatchIds.batchOfResultFile(BatchIds.outputFileId(batch))).isEqualTo(batch);
        assertThat(BatchIds.batchOfResultFile(BatchIds.errorFileId(batch))).isEqualTo(batch);
        assertThat(BatchIds.isErrorFile(BatchIds.errorFileId(batch))).isTrue();
        assertThat(BatchIds.batchOfResultFile(BatchIds.newFileId())).isNull();
    }
}
