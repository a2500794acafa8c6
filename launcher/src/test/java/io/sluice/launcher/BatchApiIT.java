package io.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import io.sluice.launcher.config.ConfigLoader;
import io.sluice.records.Json;
import io.sluice.records.UsageEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAI Files and Batch API, driven by the official OpenAI Java SDK unchanged. */
class BatchApiIT {

    private static GatewayFixture fx;
    private static OpenAIClient client;
    private static final OffsetClock CLOCK = new OffsetClock();

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        // a few lines at a time, so cancel and expiry find lines still waiting
        fx = new GatewayFixture("", """
                batch:
                  max-in-flight: 4
                """, CLOCK);
        client = OpenAIOkHttpClient.builder().baseUrl(fx.baseUrl() + "/v1").apiKey(ConfigLoader.DEMO_KEY)
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        fx.close();
    }

    static String chatLine(String customId, String text) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}}";
    }

    private static FileObject upload(String name, List<String> lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return client.files().create(FileCreateParams.builder().file(file).purpose(FilePurpose.BATCH).build());
    }

    private static Batch create(String fileId) {
        return client.batches().create(BatchCreateParams.builder().inputFileId(fileId)
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build());
    }

    private static Batch awaitStatus(String id, Batch.Status status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.batches().retrieve(id).status().equals(status));
        return client.batches().retrieve(id);
    }

    /** custom_id → output line. */
    private static Map<String, JsonNode> lines(String fileId) throws IOException {
        Map<String, JsonNode> out = new HashMap<>();
        try (HttpResponse r = client.files().content(fileId)) {
            for (String line : new String(r.body().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode n = Json.MAPPER.readTree(line);
                    assertThat(out.put(n.path("custom_id").asText(), n)).as("one line per custom_id").isNull();
                }
            }
        }
        return out;
    }

    @Test
    void sdkUploadsAFileRunsTheBatchAndReadsEveryResultMatchedByCustomId() throws Exception {
        List<String> input = IntStream.rangeClosed(1, 40).mapToObj(i -> chatLine("req-" + i, "Question " + i)).toList();
        FileObject file = upload("ok.jsonl", input);
        assertThat(file.purpose()).isEqualTo(FileObject.Purpose.BATCH);
        assertThat(file.statusDetails()).isEmpty();

        Batch created = create(file.id());
        assertThat(created.status()).isEqualTo(Batch.Status.VALIDATING);
        assertThat(created.requestCounts().orElseThrow().total()).isEqualTo(40);

        Batch done = awaitStatus(created.id(), Batch.Status.COMPLETED);
        assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(40);
        assertThat(done.requestCounts().orElseThrow().failed()).isZero();
        assertThat(done.completedAt()).isPresent();
        assertThat(done.errorFileId()).isEmpty();

        Map<String, JsonNode> out = lines(done.outputFileId().orElseThrow());
        assertThat(out).hasSize(40);
        for (int i = 1; i <= 40; i++) {
            JsonNode line = out.get("req-" + i);
            assertThat(line.path("response").path("status_code").asInt()).isEqualTo(200);
            assertThat(line.path("response").path("body").path("object").asText()).isEqualTo("chat.completion");
            assertThat(line.path("error").isNull()).isTrue();
            String requestId = line.path("id").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> fx.usage(requestId) != null);
            UsageEvent usage = fx.usage(requestId);
            assertThat(usage.mode()).isEqualTo(UsageEvent.MODE_BATCH);
            assertThat(usage.batchId()).isEqualTo(done.id());
            assertThat(usage.customId()).isEqualTo("req-" + i);
            assertThat(usage.totalTokens()).isPositive();
            assertThat(fx.usageCount(requestId)).isEqualTo(1);
        }
        assertThat(client.batches().list().data()).extracting(Batch::id).contains(done.id());
    }

    @Test
    void malformedLinesAreReportedPerLineInTheErrorFileAndTheRestRuns() throws Exception {
        List<String> input = new ArrayList<>(List.of(chatLine("good-1", "one"),
                "{\"custom_id\":\"bad-json\", \"method\": \"POST\", oops",
                "{\"custom_id\":\"bad-url\",\"method\":\"POST\",\"url\":\"/v1/images/generations\",\"body\":{}}",
                "{\"custom_id\":\"no-body\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\"}",
                chatLine("good-2", "two"), chatLine("good-3", "three")));
        FileObject file = upload("mixed.jsonl", input);
        String details = file.statusDetails().orElseThrow();
        assertThat(details).contains("3 of 6 lines").contains("line 2:").contains("line 3:").contains("line 4:");

        Batch done = awaitStatus(create(file.id()).id(), Batch.Status.COMPLETED);
        assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(3);
        assertThat(done.requestCounts().orElseThrow().failed()).isEqualTo(3);
        assertThat(lines(done.outputFileId().orElseThrow())).containsOnlyKeys("good-1", "good-2", "good-3");
        Map<String, JsonNode> errors = lines(done.errorFileId().orElseThrow());
        assertThat(errors).containsOnlyKeys("line-2", "bad-url", "no-body");
        assertThat(errors.get("line-2").path("error").path("code").asText()).isEqualTo("invalid_json");
        assertThat(errors.get("bad-url").path("error").path("code").asText()).isEqualTo("invalid_url");
        assertThat(errors.get("no-body").path("error").path("code").asText()).isEqualTo("missing_body");
        assertThat(errors.get("no-body").path("response").isNull()).isTrue();
    }

    @Test
    void sluiceBatchSubmitWaitShowsProgressAndWritesTheOutputAndErrorFiles() throws Exception {
        List<String> input = new ArrayList<>(IntStream.rangeClosed(1, 25).mapToObj(i -> chatLine("cli-" + i, "q" + i))
                .toList());
        input.add("{\"custom_id\":\"cli-bad\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\"}");
        Path file = dir.resolve("cli.jsonl");
        Files.writeString(file, String.join("\n", input) + "\n");
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int code = io.sluice.launcher.batch.BatchCommand.run(new String[] {"submit", file.toString(), "--wait",
                "--url", fx.baseUrl(), "--key", ConfigLoader.DEMO_KEY, "--poll-ms", "100"},
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("1 of 26 lines are not valid").contains("] 26/26 100% (1 failed)")
                .contains("completed: 25 completed, 1 failed");
        List<String> results = Files.readAllLines(dir.resolve("cli.output.jsonl"));
        assertThat(results).hasSize(25);
        assertThat(results.stream().map(l -> l.replaceAll(".*\"custom_id\":\"([^\"]+)\".*", "$1")).distinct())
                .hasSize(25);
        assertThat(Files.readAllLines(dir.resolve("cli.errors.jsonl"))).singleElement().asString()
                .contains("cli-bad").contains("missing_body");
    }

    @Test
    void uploadWithARepeatedCustomIdIsRefusedNamingBothLines() {
        BadRequestException e = org.assertj.core.api.Assertions.catchThrowableOfType(BadRequestException.class,
                () -> upload("dup.jsonl", List.of(chatLine("a", "x"), chatLine("b", "y"), chatLine("a", "z"))));
        assertThat(e.getMessage()).contains("line 3").contains("line 1").contains("custom_id 'a'");
    }

    @Test
    void batchesAndFilesOfOneSubscriptionAreUnknownToOthersAndUnknownIdsAre404() {
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(NotFoundException.class,
                () -> client.batches().retrieve("batch_0000"))).isNotNull();
        var r = Http.call("GET", fx.baseUrl() + "/v1/batches", "sk-not-a-key", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(Http.error(r).path("code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void cancelStopsNewDispatchesAndTheBatchEndsCancelledWithPartialResults() throws Exception {
        fx.gateway.simulator().controls().setLatencyMs(200);
        try {
            List<String> input = IntStream.rangeClosed(1, 200).mapToObj(i -> chatLine("c-" + i, "slow " + i))
                    .toList();
            Batch created = create(upload("slow.jsonl", input).id());
            await().atMost(Duration.ofSeconds(30)).until(() -> client.batches().retrieve(created.id()).requestCounts()
                    .orElseThrow().completed() > 0);
            Batch cancelling = client.batches().cancel(created.id());
            assertThat(cancelling.status()).isEqualTo(Batch.Status.CANCELLING);
            assertThat(cancelling.cancellingAt()).isPresent();

            Batch done = awaitStatus(created.id(), Batch.Status.CANCELLED);
            long completed = done.requestCounts().orElseThrow().completed();
            long failed = done.requestCounts().orElseThrow().failed();
            assertThat(completed + failed).isEqualTo(200);
            assertThat(failed).as("lines that never ran").isPositive();
            assertThat(lines(done.outputFileId().orElseThrow())).hasSize((int) completed);
            Map<String, JsonNode> errors = lines(done.errorFileId().orElseThrow());
            assertThat(errors).hasSize((int) failed);
            assertThat(errors.values()).allSatisfy(l ->
                    assertThat(l.path("error").path("code").asText()).isEqualTo("batch_cancelled"));
        } finally {
            fx.gateway.simulator().controls().setLatencyMs(0);
        }
    }

    @Test
    void batchPastItsCompletionWindowEndsExpiredWithWhatFinished() throws Exception {
        fx.gateway.simulator().controls().setLatencyMs(100);
        try {
            List<String> input = IntStream.rangeClosed(1, 200).mapToObj(i -> chatLine("e-" + i, "late " + i))
                    .toList();
            Batch created = create(upload("late.jsonl", input).id());
            await().atMost(Duration.ofSeconds(30)).until(() -> client.batches().retrieve(created.id()).requestCounts()
                    .orElseThrow().completed() > 0);
            CLOCK.advance(Duration.ofHours(25).toMillis());
            Batch done = awaitStatus(created.id(), Batch.Status.EXPIRED);
            assertThat(done.expiredAt()).isPresent();
            long completed = done.requestCounts().orElseThrow().completed();
            assertThat(completed).isPositive();
            assertThat(completed + done.requestCounts().orElseThrow().failed()).isEqualTo(200);
            assertThat(lines(done.outputFileId().orElseThrow())).hasSize((int) completed);
            assertThat(lines(done.errorFileId().orElseThrow()).values()).isNotEmpty().allSatisfy(l ->
                    assertThat(l.path("error").path("code").asText()).isEqualTo("batch_expired"));
        } finally {
            fx.gateway.simulator().controls().setLatencyMs(0);
        }
    }
}
