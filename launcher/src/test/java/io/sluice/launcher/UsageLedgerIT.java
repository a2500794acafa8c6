package io.sluice.launcher;

import static io.sluice.launcher.Http.call;
import static io.sluice.launcher.Http.chat;
import static io.sluice.launcher.Http.error;
import static io.sluice.launcher.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.records.UsageEvent;
import io.sluice.testing.TestKafka;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The usage ledger on the real path: each request's usage event priced and written once to the
 * usage topic (read here with read_committed, as a billing consumer reads it), and the admin
 * query's totals equal to the sum of those events, to the token and the cent.
 */
class UsageLedgerIT {

    private static final String ADMIN = "sk-test-admin-0123456789abcdef";
    private static final String LEDGER_KEY = "sk-test-ledger-0123456789abcdef";
    private static final String BUDGET_KEY = "sk-test-budget-0123456789abcdef";
    private static final BigDecimal INPUT = new BigDecimal("0.15");
    private static final BigDecimal OUTPUT = new BigDecimal("0.60");

    private static GatewayCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new GatewayCluster(1, """
                admin:
                  keys: [ %s ]
                prices:
                  gpt-4o-mini: { input: 0.15, output: 0.60, cached-input: 0.075 }
                subscriptions:
                  - id: ledger
                    keys: [ { id: ledger-key, key: %s } ]
                  - id: budget
                    limits: { budget: { usd: 0.000001, period: day } }
                    keys: [ { id: budget-key, key: %s } ]
                """.formatted(ADMIN, LEDGER_KEY, BUDGET_KEY), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    private static String body(int i, boolean stream) {
        return "{\"model\":\"gpt-4o-mini\",\"max_tokens\":" + (5 + i) + (stream ? ",\"stream\":true" : "")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"request number " + i + " of the ledger test\"}]}";
    }

    private static UsageEvent usageOf(HttpResponse<String> r) {
        String id = r.headers().firstValue("x-request-id").orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.usage(id) != null);
        return cluster.usage(id);
    }

    private static JsonNode usageQuery(String query) {
        HttpResponse<String> r = call("GET", cluster.url(0) + "/admin/usage?" + query, ADMIN, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    @Test
    void ledgerTotalsEqualTheSumOfTheUsageEventsToTheTokenAndTheCent() throws Exception {
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            HttpResponse<String> r = chat(cluster.url(0), LEDGER_KEY, body(i, i % 3 == 0));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            events.add(usageOf(r));
        }
        for (UsageEvent e : events) {
            assertThat(cluster.usageCount(e.requestId())).isEqualTo(1);
            BigDecimal expected = INPUT.multiply(BigDecimal.valueOf(e.promptTokens()))
                    .add(OUTPUT.multiply(BigDecimal.valueOf(e.completionTokens())))
                    .divide(BigDecimal.valueOf(1_000_000));
            assertThat(e.costUsd()).as("cost of %s", e.requestId()).isEqualByComparingTo(expected);
        }
        long tokens = events.stream().mapToLong(UsageEvent::totalTokens).sum();
        BigDecimal cost = events.stream().map(UsageEvent::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode day = usageQuery("subscription=ledger&granularity=day").path("total");
            assertThat(day.path("requests").asLong()).isEqualTo(events.size());
        });
        for (String granularity : List.of("day", "month")) {
            JsonNode total = usageQuery("subscription=ledger&granularity=" + granularity).path("total");
            assertThat(total.path("requests").asLong()).isEqualTo(events.size());
            assertThat(total.path("prompt_tokens").asLong())
                    .isEqualTo(events.stream().mapToLong(UsageEvent::promptTokens).sum());
            assertThat(total.path("completion_tokens").asLong())
                    .isEqualTo(events.stream().mapToLong(UsageEvent::completionTokens).sum());
            assertThat(total.path("total_tokens").asLong()).isEqualTo(tokens);
            assertThat(total.path("cost_usd").decimalValue()).isEqualByComparingTo(cost);
        }
        System.out.printf("ledger: %d requests, %d tokens, %s USD in the usage events; the same in the day and "
                + "month totals%n", events.size(), tokens, cost.toPlainString());

        UsageEvent again = events.get(0);
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            // what an egress that crashed after writing the event and re-ran the request writes
            p.send(new ProducerRecord<>(cluster.prefix + "usage.pending", again.subscriptionId(),
                    again.toBuilder().costUsd(null).build().toJsonBytes())).get();
        }
        UsageEvent marker = usageOf(chat(cluster.url(0), LEDGER_KEY, body(99, false)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(usageQuery(
                "subscription=ledger").path("total").path("requests").asLong()).isEqualTo(events.size() + 1));
        assertThat(cluster.usageCount(again.requestId())).as("billed once").isEqualTo(1);
        assertThat(usageQuery("subscription=ledger").path("total").path("total_tokens").asLong())
                .isEqualTo(tokens + marker.totalTokens());
    }

    @Test
    void aSpentBudgetIsRefusedWith403SayingSo() {
        HttpResponse<String> first = chat(cluster.url(0), BUDGET_KEY, body(1, false));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(usageOf(first).costUsd()).isGreaterThan(new BigDecimal("0.000001"));
        await().atMost(Duration.ofSeconds(10)).until(() -> chat(cluster.url(0), BUDGET_KEY, body(1, false))
                .statusCode() == 403);
        HttpResponse<String> r = chat(cluster.url(0), BUDGET_KEY, body(1, false));
        assertThat(error(r).path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error(r).path("message").asText()).contains("daily budget of 0.000001 USD").contains("resets at");
        assertThat(usageOf(r).status()).isEqualTo(403);
    }

    @Test
    void aUsageQueryWithBadInputIsRefusedNamingTheParameter() {
        assertBad("granularity=day", 400, "subscription");
        assertBad("subscription=nope", 404, null);
        assertBad("subscription=ledger&granularity=week", 400, "granularity");
        assertBad("subscription=ledger&from=2026-13-01", 400, "from");
        assertBad("subscription=ledger&from=2026-11-20&to=2026-11-10", 400, "from");
    }

    private static void assertBad(String query, int status, String param) {
        HttpResponse<String> r = call("GET", cluster.url(0) + "/admin/usage?" + query, ADMIN, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        if (param != null) {
            assertThat(error(r).path("param").asText()).isEqualTo(param);
        }
    }
}
