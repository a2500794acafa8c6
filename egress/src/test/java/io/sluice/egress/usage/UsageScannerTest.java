package io.sluice.egress.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UsageScannerTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsUsageAfterSkippingTheRestOfTheBody() throws IOException {
        TokenUsage u = UsageScanner.scan(b("{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"usage\"}}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"total_tokens\":19,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":4}}}")).orElseThrow();
        assertThat(u).isEqualTo(new TokenUsage(12, 7, 4L));
    }

    @Test
    void readsEmbeddingsUsageWithoutCompletionTokens() throws IOException {
        TokenUsage u = UsageScanner.scan(b("{\"data\":[],\"usage\":{\"prompt_tokens\":5,\"total_tokens\":5}}"))
                .orElseThrow();
        assertThat(u).isEqualTo(new TokenUsage(5, 0, null));
    }

    @Test
    void reportsNoUsageWhenAbsentOrNull() throws IOException {
        assertThat(UsageScanner.scan(b("{\"a\":1}"))).isEmpty();
        assertThat(UsageScanner.scan(b("{\"usage\":null}"))).isEmpty();
    }

    @Test
    void rejectsBodiesThatAreNotOneJsonObject() {
        assertThatThrownBy(() -> UsageScanner.scan(b("<html>"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> UsageScanner.scan(b("[1,2]"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> UsageScanner.scan(b("{\"a\":1"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> UsageScanner.scan(b("{\"a\":1} trailing"))).isInstanceOf(IOException.class);
    }

    @Test
    void spotsOnlyChunksWhoseUsageIsAnObject() {
        assertThat(UsageScanner.carriesUsage(b("{\"choices\":[],\"usage\":{\"prompt_tokens\":1}}"))).isTrue();
        assertThat(UsageScanner.carriesUsage(b("{\"choices\":[], \"usage\" : {\"prompt_tokens\":1}}"))).isTrue();
        assertThat(UsageScanner.carriesUsage(b("{\"choices\":[{}],\"usage\":null}"))).isFalse();
        assertThat(UsageScanner.carriesUsage(b("{\"choices\":[{}]}"))).isFalse();
    }

    @Test
    void countsStreamedContentWithTheModelsTokenizer() {
        long n = CompletionCounter.countChunks("gpt-4o-mini", java.util.List.of(
                b("{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}"),
                b("{\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}"),
                b("{\"choices\":[{\"delta\":{\"content\":\" world\"}}]}"),
                b("not json")));
        assertThat(n).isEqualTo(CompletionCounter.encodingFor("gpt-4o-mini").countTokens("Hello world"));
        assertThat(n).isEqualTo(2);
    }
}
