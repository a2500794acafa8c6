package io.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import io.sluice.launcher.config.ConfigLoader;
import io.sluice.records.UsageEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway driven end to end by the official OpenAI Java SDK, unchanged. */
class OpenAiSdkIT {

    private static GatewayFixture fx;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        fx = new GatewayFixture("");
        client = OpenAIOkHttpClient.builder().baseUrl(fx.baseUrl() + "/v1").apiKey(ConfigLoader.DEMO_KEY)
                .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        fx.close();
    }

    private static ChatCompletionCreateParams chat(String text) {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(text).build();
    }

    @Test
    void answersANonStreamingChatWithTheBackendsUsageAndOneUsageEvent() {
        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse()
                .create(chat("What is Kafka?"));
        ChatCompletion completion = raw.parse();
        String requestId = raw.headers().values("x-request-id").get(0);

        assertThat(completion.choices().get(0).message().content()).get().asString().isNotBlank();
        var usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isPositive();
        assertThat(usage.completionTokens()).isPositive();
        assertThat(raw.headers().values("Server-Timing").get(0)).contains("backend;dur=").contains("total;dur=");

        await().atMost(Duration.ofSeconds(10)).until(() -> fx.usage(requestId) != null);
        UsageEvent event = fx.usage(requestId);
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.subscriptionId()).isEqualTo("demo");
        assertThat(event.model()).isEqualTo("gpt-4o-mini");
        assertThat(event.backend()).isEqualTo("simulator");
        assertThat(event.mode()).isEqualTo("sync");
        assertThat(event.promptTokens()).isEqualTo(usage.promptTokens());
        assertThat(event.completionTokens()).isEqualTo(usage.completionTokens());
        assertThat(event.latencyMs()).isPositive();
        assertThat(fx.usageCount(requestId)).isEqualTo(1);
    }

    @Test
    void streamsChunkByChunkWithTheSameTextAsTheWholeAnswer() {
        String whole = client.chat().completions().create(chat("Tell me about streams")).choices().get(0).message()
                .content().orElseThrow();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                .createStreaming(chat("Tell me about streams"))) {
            stream.stream().forEach(chunks::add);
        }
        String streamed = chunks.stream().flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
        assertThat(chunks.size()).isGreaterThan(3);
        assertThat(streamed).isEqualTo(whole);
        assertThat(chunks).noneMatch(c -> c.usage().isPresent());
    }

    @Test
    void honoursIncludeUsageOnStreamsAndReportsTheSameUsageInTheEvent() {
        ChatCompletionCreateParams params = chat("Count my tokens").toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunks::add);
        }
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        var usage = last.usage().orElseThrow();
        assertThat(last.choices()).isEmpty();
        assertThat(usage.completionTokens()).isPositive();
        String chunkId = last.id();
        assertThat(chunkId).isNotBlank();
    }

    @Test
    void servesEmbeddings() {
        CreateEmbeddingResponse r = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("hello world").build());
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).embedding()).hasSize(1536);
        assertThat(r.usage().promptTokens()).isPositive();
    }

    @Test
    void listsTheModelsItServes() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();
        assertThat(ids).containsExactlyInAnyOrder("gpt-4o-mini", "gpt-4o", "text-embedding-3-small");
    }

    @Test
    void answersTheAzureOpenAiPathStyleWithTheApiKeyHeader() {
        OpenAIClient azure = OpenAIOkHttpClient.builder().baseUrl(fx.baseUrl())
                .credential(AzureApiKeyCredential.create(ConfigLoader.DEMO_KEY))
                .azureServiceVersion(AzureOpenAIServiceVersion.fromString("2024-10-21"))
                .azureUrlPathMode(AzureUrlPathMode.LEGACY)
                .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
        try {
            ChatCompletion c = azure.chat().completions().create(
                    ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("Hi from Azure").build());
            assertThat(c.choices().get(0).message().content()).get().asString().isNotBlank();
            String received = fx.gateway.simulator().requests().last().path();
            assertThat(received).isEqualTo("/v1/chat/completions");

            CreateEmbeddingResponse e = azure.embeddings().create(EmbeddingCreateParams.builder()
                    .model("text-embedding-3-small").input("x").build());
            assertThat(e.data().get(0).embedding()).hasSize(1536);

            NotFoundException unknown = catchThrowableOfType(NotFoundException.class, () -> azure.chat().completions()
                    .create(ChatCompletionCreateParams.builder().model("no-such-deployment").addUserMessage("x")
                            .build()));
            assertThat(unknown.statusCode()).isEqualTo(404);
        } finally {
            azure.close();
        }
    }

    @Test
    void refusesAnUnknownKeyTheWayOpenAiDoes() {
        OpenAIClient bad = OpenAIOkHttpClient.builder().baseUrl(fx.baseUrl() + "/v1").apiKey("sk-wrong")
                .maxRetries(0).build();
        try {
            UnauthorizedException e = catchThrowableOfType(UnauthorizedException.class,
                    () -> bad.chat().completions().create(chat("hi")));
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.getMessage()).contains("Incorrect API key");
        } finally {
            bad.close();
        }
    }
}
