package io.sluice.launcher;

import static io.sluice.launcher.Http.call;
import static io.sluice.launcher.Http.chat;
import static io.sluice.launcher.Http.error;
import static io.sluice.launcher.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.ingress.auth.KeyHash;
import io.sluice.testing.TestKafka;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The governance admin API against two gateway instances sharing one deployment: subscriptions
 * and keys changed through either instance reach both within a second, survive restarts, and bad
 * input is refused with the field named and nothing stored.
 */
class GovernanceAdminIT {

    static final String ADMIN = "sk-test-admin-0123456789abcdef";
    static final String TEAM_KEY = "sk-test-team-a-0123456789abcdef";
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":20,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    /** How fast a change must reach every instance. */
    private static final Duration PROPAGATION = Duration.ofSeconds(1);

    private static GatewayCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new GatewayCluster(2, """
                admin:
                  keys: [ %s ]
                subscriptions:
                  - id: team-a
                    name: Team A
                    product: gold
                    models: [ gpt-4o-mini ]
                    limits:
                      tokens-per-minute: 100000
                      token-quota: { tokens: 10000000, period: month }
                    keys:
                      - { id: team-a-ci, key: %s }
                """.formatted(ADMIN, TEAM_KEY), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    private static HttpResponse<String> admin(int instance, String method, String path, String body) {
        return call(method, cluster.url(instance) + "/admin" + path, ADMIN, body);
    }

    /** A new subscription (through instance 0) and a key for it; returns the key. */
    private static String newSubscriptionWithKey(String id, String limits) {
        HttpResponse<String> created = admin(0, "POST", "/subscriptions", "{\"id\":\"" + id + "\",\"name\":\"T\""
                + (limits == null ? "" : ",\"limits\":" + limits) + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> key = admin(0, "POST", "/subscriptions/" + id + "/keys", "{\"name\":\"ci\"}");
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        return json(key).path("key").asText();
    }

    private static String uniqueId() {
        return "sub-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Waits until {@code instance} answers a chat with {@code key} with {@code status}; returns how long it took. */
    private static long untilStatus(int instance, String key, int status) {
        long start = System.nanoTime();
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(20))
                .until(() -> chat(cluster.url(instance), key, CHAT).statusCode() == status);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void theConfigFileSeedsSubscriptionsAndKeysThatEveryInstanceAccepts() {
        JsonNode sub = json(admin(1, "GET", "/subscriptions/team-a", null));
        assertThat(sub.path("product").asText()).isEqualTo("gold");
        assertThat(sub.path("limits").path("tokens_per_minute").asLong()).isEqualTo(100000);
        assertThat(sub.path("limits").path("token_quota").path("period").asText()).isEqualTo("month");
        assertThat(sub.path("keys").get(0).path("id").asText()).isEqualTo("team-a-ci");
        for (int i = 0; i < cluster.size(); i++) {
            HttpResponse<String> r = chat(cluster.url(i), TEAM_KEY, CHAT);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("100000");
        }
    }

    @Test
    void aSubscriptionMayUseOnlyItsModels() {
        HttpResponse<String> r = chat(cluster.url(0), TEAM_KEY, CHAT.replace("gpt-4o-mini", "gpt-4o"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(error(r).path("code").asText()).isEqualTo("model_not_allowed");
        assertThat(error(r).path("message").asText()).contains("team-a").contains("gpt-4o");
        JsonNode models = json(call("GET", cluster.url(1) + "/v1/models", TEAM_KEY, null)).path("data");
        assertThat(models).extracting(m -> m.path("id").asText()).containsExactly("gpt-4o-mini");
    }

    @Test
    void aKeyIssuedOnOneInstanceWorksOnEveryInstanceAndIsStoredOnlyHashed() {
        String id = uniqueId();
        String key = newSubscriptionWithKey(id, null);
        assertThat(key).startsWith("sk-sluice-").hasSize(50);
        long ms = untilStatus(1, key, 200);
        System.out.printf("governance: a new key worked on the other instance after %d ms%n", ms);

        JsonNode keys = json(admin(1, "GET", "/subscriptions/" + id + "/keys", null)).path("data");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).path("prefix").asText()).isEqualTo(key.substring(0, 14));
        assertThat(keys.get(0).path("state").asText()).isEqualTo("active");
        assertThat(keys.get(0).has("key")).isFalse();
        assertThat(keys.toString()).doesNotContain(key).doesNotContain(KeyHash.sha256Hex(key));

        String stored = configRecords().stream().map(r -> r.value() == null ? "" : new String(r.value(),
                StandardCharsets.UTF_8)).filter(v -> v.contains(KeyHash.sha256Hex(key))).findFirst().orElseThrow();
        assertThat(stored).doesNotContain(key);
    }

    @Test
    void aRevokedKeyIsRefusedByEveryInstanceWithinASecond() {
        String id = uniqueId();
        String key = newSubscriptionWithKey(id, null);
        untilStatus(1, key, 200);
        String keyId = json(admin(0, "GET", "/subscriptions/" + id + "/keys", null)).path("data").get(0)
                .path("id").asText();

        HttpResponse<String> revoked = admin(0, "DELETE", "/subscriptions/" + id + "/keys/" + keyId, null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).path("state").asText()).isEqualTo("revoked");
        long ms = untilStatus(1, key, 401);
        System.out.printf("governance: a revoked key was refused by the other instance after %d ms%n", ms);
        HttpResponse<String> r = chat(cluster.url(1), key, CHAT);
        assertThat(error(r).path("code").asText()).isEqualTo("api_key_revoked");
        assertThat(error(r).path("message").asText()).contains("revoked").doesNotContain(key);
    }

    @Test
    void aSuspendedSubscriptionIsRefusedByEveryInstanceWithinASecondUntilReactivated() {
        String id = uniqueId();
        String key = newSubscriptionWithKey(id, null);
        untilStatus(0, key, 200);

        HttpResponse<String> suspended = admin(1, "PATCH", "/subscriptions/" + id, "{\"state\":\"suspended\"}");
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
        long ms = untilStatus(0, key, 403);
        System.out.printf("governance: a suspended subscription was refused by the other instance after %d ms%n",
                ms);
        HttpResponse<String> r = chat(cluster.url(0), key, CHAT);
        assertThat(error(r).path("code").asText()).isEqualTo("subscription_suspended");
        assertThat(error(r).path("message").asText()).contains(id).contains("suspended");

        admin(1, "PATCH", "/subscriptions/" + id, "{\"state\":\"active\"}");
        untilStatus(0, key, 200);
    }

    @Test
    void rotationIssuesANewKeyAndRetiresTheOldOneAtOnceOrAfterAGracePeriod() {
        String id = uniqueId();
        String first = newSubscriptionWithKey(id, null);
        String firstId = json(admin(0, "GET", "/subscriptions/" + id + "/keys", null)).path("data").get(0)
                .path("id").asText();

        HttpResponse<String> graceful = admin(0, "POST", "/subscriptions/" + id + "/keys/" + firstId + "/rotate",
                "{\"grace_seconds\":3600}");
        assertThat(graceful.statusCode()).as(graceful.body()).isEqualTo(201);
        String second = json(graceful).path("key").asText();
        assertThat(json(graceful).path("replaces").path("expires_at").asText()).isNotEmpty();
        untilStatus(1, second, 200);
        assertThat(chat(cluster.url(1), first, CHAT).statusCode()).as("within its grace").isEqualTo(200);

        String secondId = json(graceful).path("id").asText();
        HttpResponse<String> now = admin(1, "POST", "/subscriptions/" + id + "/keys/" + secondId + "/rotate", "{}");
        String third = json(now).path("key").asText();
        untilStatus(0, second, 401);
        untilStatus(0, third, 200);
        assertThat(json(admin(0, "GET", "/subscriptions/" + id + "/keys", null)).path("data"))
                .extracting(k -> k.path("state").asText()).containsExactly("active", "revoked", "active");
    }

    @Test
    void deletingASubscriptionRevokesItsKeys() {
        String id = uniqueId();
        String key = newSubscriptionWithKey(id, null);
        untilStatus(1, key, 200);
        HttpResponse<String> deleted = admin(1, "DELETE", "/subscriptions/" + id, null);
        assertThat(json(deleted).path("keys_revoked").asInt()).isEqualTo(1);
        untilStatus(0, key, 401);
        assertThat(admin(0, "GET", "/subscriptions/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void badAdminInputIsRefusedNamingTheFieldAndNothingIsStored() {
        String id = uniqueId();
        String reused = "sk-byo-" + UUID.randomUUID();
        newSubscriptionWithKey(id, null);
        HttpResponse<String> imported = admin(0, "POST", "/subscriptions/" + id + "/keys",
                "{\"key\":\"" + reused + "\"}");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(imported.body()).doesNotContain(reused);
        admin(0, "DELETE", "/subscriptions/" + id + "/keys/" + json(imported).path("id").asText(), null);
        long before = configEndOffset();

        expect(admin(0, "GET", "/subscriptions/nope", null), 404, "subscription_not_found", null);
        expect(admin(1, "PATCH", "/subscriptions/nope", "{\"name\":\"x\"}"), 404, "subscription_not_found", null);
        expect(admin(0, "DELETE", "/subscriptions/nope", null), 404, "subscription_not_found", null);
        expect(admin(0, "POST", "/subscriptions/nope/keys", "{}"), 404, "subscription_not_found", null);
        expect(admin(0, "DELETE", "/subscriptions/" + id + "/keys/key_nope", null), 404, "api_key_not_found", null);
        expect(admin(0, "POST", "/subscriptions", "{\"id\": "), 400, "invalid_json", null);
        expect(admin(0, "POST", "/subscriptions", "[1,2]"), 400, "invalid_json", null);
        expect(admin(0, "POST", "/subscriptions", "{\"id\":\"x1\",\"limits\":{\"tokens_per_minute\":-5}}"), 400,
                "invalid_request", "limits.tokens_per_minute");
        expect(admin(0, "POST", "/subscriptions", "{\"id\":\"x1\",\"limits\":{\"requests_per_minute\":1.5}}"), 400,
                "invalid_request", "limits.requests_per_minute");
        expect(admin(0, "POST", "/subscriptions",
                "{\"id\":\"x1\",\"limits\":{\"token_quota\":{\"tokens\":10,\"period\":\"fortnight\"}}}"), 400,
                "invalid_request", "limits.token_quota.period");
        expect(admin(0, "POST", "/subscriptions",
                "{\"id\":\"x1\",\"limits\":{\"budget\":{\"usd\":-1,\"period\":\"month\"}}}"), 400,
                "invalid_request", "limits.budget.usd");
        expect(admin(0, "POST", "/subscriptions", "{\"id\":\"x1\",\"limits\":{\"counter_key\":\"cookie\"}}"), 400,
                "invalid_request", "limits.counter_key");
        expect(admin(0, "POST", "/subscriptions", "{\"id\":\"x1\",\"colour\":\"red\"}"), 400, "invalid_request",
                "colour");
        expect(admin(0, "POST", "/subscriptions", "{\"id\":\"no spaces!\"}"), 400, "invalid_request", "id");
        expect(admin(0, "POST", "/subscriptions", "{\"id\":\"x1\",\"state\":\"paused\"}"), 400, "invalid_request",
                "state");
        expect(admin(1, "PATCH", "/subscriptions/team-a", "{\"limits\":{\"max_parallel\":0}}"), 400,
                "invalid_request", "limits.max_parallel");
        expect(admin(0, "POST", "/subscriptions", "{\"id\":\"team-a\"}"), 409, "subscription_exists", null);
        expect(admin(1, "POST", "/subscriptions/" + id + "/keys", "{\"key\":\"" + reused + "\"}"), 409,
                "api_key_revoked", null);
        expect(admin(1, "POST", "/subscriptions/" + id + "/keys", "{\"key\":\"short\"}"), 400, "invalid_request",
                "key");
        expect(admin(0, "POST", "/subscriptions/" + id + "/keys/nope/rotate", "{\"grace_seconds\":-1}"), 400,
                "invalid_request", "grace_seconds");

        assertThat(configEndOffset()).as("nothing was written").isEqualTo(before);
        assertThat(admin(0, "GET", "/subscriptions/x1", null).statusCode()).isEqualTo(404);
        assertThat(json(admin(0, "GET", "/subscriptions/team-a", null)).path("limits").has("max_parallel"))
                .isFalse();
        assertThat(call("GET", cluster.url(0) + "/admin/subscriptions", TEAM_KEY, null).statusCode())
                .as("an API key is no admin key").isEqualTo(403);
    }

    private static void expect(HttpResponse<String> r, int status, String code, String param) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode e = error(r);
        assertThat(e.path("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(e.path("message").asText()).isNotBlank();
        if (param != null) {
            assertThat(e.path("param").asText()).as(r.body()).isEqualTo(param);
            assertThat(e.path("message").asText()).startsWith(param);
        }
    }

    @Test
    void changesSurviveARestartOfAnInstance() throws Exception {
        String id = uniqueId();
        String key = newSubscriptionWithKey(id, "{\"requests_per_minute\":1000}");
        cluster.stop(1);
        cluster.restart(1);
        HttpResponse<String> r = chat(cluster.url(1), key, CHAT);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).hasValue("1000");
        assertThat(json(admin(1, "GET", "/subscriptions/" + id, null)).path("keys")).hasSize(1);
    }

    @Test
    void eitherInstanceAnswersAUsageQueryFromTheInstanceThatHoldsTheSubscriptionsTotals() {
        String id = uniqueId();
        String key = newSubscriptionWithKey(id, null);
        untilStatus(1, key, 200);
        for (int i = 0; i < 3; i++) {
            assertThat(chat(cluster.url(i % 2), key, CHAT).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            long events = cluster.allUsage().stream().filter(e -> e.subscriptionId().equals(id)).count();
            assertThat(events).isGreaterThanOrEqualTo(4);
            for (int i = 0; i < cluster.size(); i++) {
                JsonNode total = json(admin(i, "GET", "/usage?subscription=" + id, null)).path("total");
                assertThat(total.path("requests").asLong()).as("instance %d", i).isEqualTo(events);
            }
        });
        assertThat(admin(0, "GET", "/usage?subscription=" + id + "&granularity=month", null).body())
                .isEqualTo(admin(1, "GET", "/usage?subscription=" + id + "&granularity=month", null).body());
        long holders = java.util.stream.IntStream.range(0, cluster.size()).filter(i -> cluster.gateway(i).governance()
                .ledger().queries().locate(id) instanceof io.sluice.processors.ledger.LedgerQueries.Location.Here)
                .count();
        assertThat(holders).as("one instance holds it, the other forwards").isEqualTo(1);
    }

    private static KafkaConsumer<String, byte[]> configConsumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.shared().bootstrapServers(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    }

    private static long configEndOffset() {
        try (KafkaConsumer<String, byte[]> c = configConsumer()) {
            TopicPartition tp = new TopicPartition(cluster.prefix + "config", 0);
            return c.endOffsets(List.of(tp)).get(tp);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> configRecords() {
        try (KafkaConsumer<String, byte[]> c = configConsumer()) {
            TopicPartition tp = new TopicPartition(cluster.prefix + "config", 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            while (c.position(tp) < end) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }
}
