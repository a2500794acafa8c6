package io.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batch paced by its subscription's token limit, through a whole gateway: it waits when the
 * minute's batch share is used up, interactive requests of the same subscription still get the
 * reserved share, and the batch resumes when the next minute opens.
 */
class BatchQuotaIT {

    private static final String KEY = "sk-team-a-batch-quota-key-0001";
    private static final OffsetClock CLOCK = new OffsetClock();
    private static GatewayFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new GatewayFixture("", """
                subscriptions:
                  - id: team-a
                    limits: { tokens-per-minute: 10000 }
                    keys: [ { id: team-a-key, key: %s } ]
                """.formatted(KEY), CLOCK);
        // every answer uses its whole max_tokens, so settling returns no tokens to the window
        fx.gateway.simulator().controls().setCompletionTokens(990);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static String line(int i) {
        return "{\"custom_id\":\"q-" + i + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"gpt-4o-mini\",\"max_tokens\":990,\"messages\":[{\"role\":\"user\",\"content\":\"hi "
                + i + "\"}]}}";
    }

    private static JsonNode batch(String id) {
        return Http.json(Http.call("GET", fx.baseUrl() + "/v1/batches/" + id, KEY, null));
    }

    private static long completed(String id) {
        return batch(id).path("request_counts").path("completed").asLong();
    }

    @Test
    void batchWaitsForTheNextMinuteAndInteractiveRequestsOfTheSubscriptionStillPass() throws Exception {
        // the minute windows are UTC minutes: start one second into a fresh one
        long now = CLOCK.millis();
        CLOCK.advance(60_000 - now % 60_000 + 1_000);
        String fileId = Multipart.upload(fx.baseUrl(), KEY, "paced.jsonl",
                String.join("\n", IntStream.rangeClosed(1, 30).mapToObj(BatchQuotaIT::line).toList()));
        JsonNode created = Http.json(Http.call("POST", fx.baseUrl() + "/v1/batches", KEY,
                "{\"input_file_id\":\"" + fileId + "\",\"endpoint\":\"/v1/chat/completions\","
                        + "\"completion_window\":\"24h\"}"));
        String id = created.path("id").asText();

        // about 1,000 tokens a line; batch lines stop at 80% of the 10,000 tokens of the minute
        await().atMost(Duration.ofSeconds(20)).until(() -> completed(id) >= 7);
        long first = completed(id);
        assertThat(first).isBetween(7L, 8L);
        HttpResponse<String> interactive = Http.chat(fx.baseUrl(), KEY,
                "{\"model\":\"gpt-4o-mini\",\"max_tokens\":990,\"messages\":[{\"role\":\"user\",\"content\":\"now\"}]}");
        assertThat(interactive.statusCode()).as(interactive.body()).isEqualTo(200);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> completed(id) == first);
        assertThat(batch(id).path("status").asText()).isEqualTo("in_progress");

        CLOCK.advance(60_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> completed(id) >= first + 7);
        assertThat(completed(id)).isLessThan(30);
        assertThat(batch(id).path("status").asText()).isEqualTo("in_progress");
    }
}
