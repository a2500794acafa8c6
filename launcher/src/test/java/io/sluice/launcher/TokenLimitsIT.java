package io.sluice.launcher;

import static io.sluice.launcher.Http.chat;
import static io.sluice.launcher.Http.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.processors.quota.CounterState;
import io.sluice.processors.quota.QuotaStores;
import io.sluice.records.UsageEvent;
import io.sluice.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Token limits on the real path with two gateway instances against one broker and a clock held
 * inside one minute: admitted tokens never exceed the limit, however many instances take the
 * requests; a stream's reservation ends as its real usage; counts survive a restart of every
 * instance and never reset early.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenLimitsIT {

    private static final String ADMIN = "sk-test-admin-0123456789abcdef";
    private static final String HAMMER_KEY = "sk-test-hammer-0123456789abcdef";
    private static final String RECON_KEY = "sk-test-recon-0123456789abcdef";
    private static final String DAILY_KEY = "sk-test-daily-0123456789abcdef";
    private static final long LIMIT = 2000;
    /** Each request reserves 8 prompt tokens (o200k) + max_tokens 50. */
    private static final long RESERVE = 58;
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":50,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

    private static final MutableClock CLOCK = MutableClock.at("2026-11-24T10:00:05Z");
    private static GatewayCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new GatewayCluster(2, """
                admin:
                  keys: [ %s ]
                subscriptions:
                  - id: hammer
                    limits: { tokens-per-minute: %d }
                    keys: [ { id: hammer-key, key: %s } ]
                  - id: recon
                    limits: { tokens-per-minute: 100000 }
                    keys: [ { id: recon-key, key: %s } ]
                  - id: daily
                    limits: { token-quota: { tokens: 150, period: day } }
                    keys: [ { id: daily-key, key: %s } ]
                """.formatted(ADMIN, LIMIT, HAMMER_KEY, RECON_KEY, DAILY_KEY), CLOCK);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    @Test
    @Order(1)
    void twoInstancesHammeringOneSubscriptionNeverAdmitMoreThanTheLimitInAWindow() throws Exception {
        int requests = 160;
        ExecutorService pool = Executors.newFixedThreadPool(24);
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            int instance = i % cluster.size();
            sent.add(pool.submit(() -> chat(cluster.url(instance), HAMMER_KEY, CHAT)));
        }
        List<HttpResponse<String>> ok = new ArrayList<>();
        int refused = 0;
        for (Future<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 200) {
                ok.add(r);
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                assertThat(error(r).path("code").asText()).isEqualTo("rate_limit_exceeded");
                assertThat(r.headers().firstValue("Retry-After")).hasValue("55");
                refused++;
            }
        }
        pool.shutdown();
        List<UsageEvent> admitted = ok.stream().map(TokenLimitsIT::usageOf).toList();
        long realTokens = admitted.stream().mapToLong(UsageEvent::totalTokens).sum();
        System.out.printf("exactness: 2 instances, %d concurrent requests of one subscription in one minute window: "
                + "admitted %d (real usage %d tokens, reserved %d at admission), refused %d with 429; limit %d "
                + "tokens per minute%n", requests, ok.size(), realTokens, ok.size() * RESERVE, refused, LIMIT);
        assertThat(realTokens).isLessThanOrEqualTo(LIMIT);
        assertThat(ok.size()).as("the limit was reached").isGreaterThanOrEqualTo((int) (LIMIT / RESERVE));
        assertThat(refused).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("hammer") != null
                && counter("hammer").minuteTokens() == realTokens && counter("hammer").inFlight() == 0);
    }

    @Test
    @Order(2)
    void aStreamsReservationEndsAsItsRealUsage() {
        String body = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"max_tokens\":500,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
        HttpResponse<String> r = chat(cluster.url(0), RECON_KEY, body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("data: [DONE]");
        assertThat(r.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("100000");
        assertThat(r.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue(Long.toString(100000 - 508));
        UsageEvent usage = usageOf(r);
        assertThat(usage.totalTokens()).isLessThan(508);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(counter("recon").minuteTokens()).isEqualTo(usage.totalTokens()));
        System.out.printf("reconciliation: stream reserved 508 tokens, used %d (prompt %d, completion %d); counter "
                + "now %d%n", usage.totalTokens(), usage.promptTokens(), usage.completionTokens(),
                counter("recon").minuteTokens());
    }

    @Test
    @Order(3)
    void countsComeBackFromTheChangelogAfterEveryInstanceRestartsAndNothingResetsEarly() throws Exception {
        spend("daily", DAILY_KEY, 403);
        String remaining = spend("hammer", HAMMER_KEY, 429).headers().firstValue("x-ratelimit-remaining-tokens")
                .orElseThrow();
        CounterState hammer = counter("hammer");
        CounterState daily = counter("daily");

        for (int i = 0; i < cluster.size(); i++) {
            cluster.stop(i);
        }
        for (int i = 0; i < cluster.size(); i++) {
            cluster.restart(i);
        }

        assertThat(counter("hammer")).isEqualTo(hammer);
        assertThat(counter("daily").periodTokens()).isEqualTo(daily.periodTokens());
        HttpResponse<String> afterRestart = chat(cluster.url(0), HAMMER_KEY, CHAT);
        assertThat(afterRestart.statusCode()).as("the minute is still spent").isEqualTo(429);
        assertThat(afterRestart.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue(remaining);
        HttpResponse<String> quota = chat(cluster.url(1), DAILY_KEY, CHAT);
        assertThat(quota.statusCode()).as("the day is still spent").isEqualTo(403);
        assertThat(error(quota).path("message").asText()).contains("resets at 2026-11-25T00:00:00Z");
        System.out.printf("restart: counters after restarting both instances: hammer %d tokens this minute "
                + "(before: %d), daily %d tokens today (before: %d)%n", counter("hammer").minuteTokens(),
                hammer.minuteTokens(), counter("daily").periodTokens(), daily.periodTokens());

        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(chat(cluster.url(0), HAMMER_KEY, CHAT).statusCode()).as("the next minute").isEqualTo(200);
        CLOCK.set(java.time.Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(chat(cluster.url(1), DAILY_KEY, CHAT).statusCode()).as("the next day").isEqualTo(200);
    }

    /**
     * Sends requests of {@code counterKey} until one is refused with {@code status} while none is in
     * flight, so the refusal is final for this window; returns that refusal.
     */
    private static HttpResponse<String> spend(String counterKey, String key, int status) {
        for (int i = 0; i < 200; i++) {
            await().atMost(Duration.ofSeconds(10)).until(() -> counter(counterKey) == null
                    || counter(counterKey).inFlight() == 0);
            HttpResponse<String> r = chat(cluster.url(i % cluster.size()), key, CHAT);
            if (r.statusCode() == status) {
                return r;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        throw new AssertionError(counterKey + " was never refused with " + status);
    }

    private static UsageEvent usageOf(HttpResponse<String> r) {
        String id = r.headers().firstValue("x-request-id").orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.usage(id) != null);
        assertThat(cluster.usageCount(id)).isEqualTo(1);
        return cluster.usage(id);
    }

    /** The counter of {@code key}, read from whichever instance holds its partition. */
    private static CounterState counter(String key) {
        for (int i = 0; i < cluster.size(); i++) {
            try {
                ReadOnlyKeyValueStore<String, CounterState> store = cluster.gateway(i).processors().streams()
                        .store(StoreQueryParameters.fromNameAndType(QuotaStores.COUNTERS,
                                QueryableStoreTypes.<String, CounterState>keyValueStore()));
                CounterState s = store.get(key);
                if (s != null) {
                    return s;
                }
            } catch (RuntimeException e) {
                // this instance is rebalancing or holds no such store partition
            }
        }
        return null;
    }
}
