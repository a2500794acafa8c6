package io.sluice.processors.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.records.TopicNames;
import io.sluice.records.UsageEvent;
import io.sluice.records.governance.Budget;
import io.sluice.records.governance.Limits;
import io.sluice.records.governance.ModelPrice;
import io.sluice.records.governance.Period;
import io.sluice.records.governance.PriceTable;
import io.sluice.records.governance.Spend;
import io.sluice.records.governance.Subscription;
import io.sluice.records.governance.SubscriptionDirectory;
import io.sluice.records.governance.UsageGranularity;
import io.sluice.records.governance.UsageTotals;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerTopologyTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final PriceTable PRICES = new PriceTable(Map.of(
            "gpt-4o-mini", new ModelPrice(new BigDecimal("0.15"), new BigDecimal("0.60"), new BigDecimal("0.075"))));

    private final Map<String, Subscription> subscriptions = new java.util.HashMap<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> pending;
    private TestOutputTopic<String, byte[]> usage;
    private TestOutputTopic<String, byte[]> spend;

    @BeforeEach
    void start() throws Exception {
        SubscriptionDirectory directory = new SubscriptionDirectory() {
            @Override
            public Subscription subscription(String id) {
                return subscriptions.get(id);
            }

            @Override
            public Spend spend(String id) {
                return null;
            }
        };
        LedgerConfig config = new LedgerConfig(TOPICS, "ledger-test", "/tmp/unused", PRICES, directory,
                Duration.ofHours(1), 100, null);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ledger-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("ledger-test").toString());
        driver = new TopologyTestDriver(LedgerTopology.build(config), props);
        pending = driver.createInputTopic(TOPICS.usagePending(), new StringSerializer(), new ByteArraySerializer());
        usage = driver.createOutputTopic(TOPICS.usage(), new StringDeserializer(), new ByteArrayDeserializer());
        spend = driver.createOutputTopic(TOPICS.spend(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static UsageEvent event(String id, String sub, String at, long prompt, long completion, Long cached) {
        return UsageEvent.builder().requestId(id).subscriptionId(sub).model("gpt-4o-mini").operation("chat")
                .status(200).promptTokens(prompt).completionTokens(completion).cachedTokens(cached).timestamp(at)
                .build();
    }

    private void write(UsageEvent e) {
        pending.pipeInput(e.subscriptionId(), e.toJsonBytes(), Instant.parse(e.timestamp()));
    }

    private UsageTotals totals(UsageGranularity g, String sub, String label) {
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(LedgerStores.TOTALS);
        byte[] v = store.get(g.storeKey(sub, label));
        return v == null ? null : UsageTotals.fromJson(v);
    }

    @Test
    void pricesEachEventFromThePriceTableExactly() {
        write(event("r1", "team-a", "2026-11-24T10:00:00Z", 1000, 500, 200L));
        UsageEvent priced = UsageEvent.fromJson(usage.readRecord().value());
        // 800 × 0.15 + 200 × 0.075 + 500 × 0.60 = 435 micro-dollars per million
        assertThat(priced.costUsd()).isEqualByComparingTo("0.000435");
        assertThat(new String(priced.toJsonBytes())).contains("\"cost_usd\":0.000435");
    }

    @Test
    void aSecondEventForTheSameRequestIsDroppedAndNotCounted() {
        UsageEvent e = event("r1", "team-a", "2026-11-24T10:00:00Z", 10, 20, null);
        write(e);
        write(e);
        assertThat(usage.readValuesToList()).hasSize(1);
        assertThat(totals(UsageGranularity.DAY, "team-a", "2026-11-24").requests()).isEqualTo(1);
    }

    @Test
    void totalsPerDayAndMonthEqualTheSumOfTheEventsToTheTokenAndTheCent() {
        List<UsageEvent> written = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String day = i < 30 ? "2026-11-24" : "2026-11-25";
            UsageEvent e = event("r" + i, "team-a", day + "T1" + (i % 10) + ":00:00Z", 100 + i, 37 * i, (long) i);
            written.add(e);
            write(e);
        }
        write(event("other", "team-b", "2026-11-24T10:00:00Z", 5, 5, null));
        List<UsageEvent> out = usage.readValuesToList().stream().map(UsageEvent::fromJson)
                .filter(e -> e.subscriptionId().equals("team-a")).toList();

        UsageTotals day1 = totals(UsageGranularity.DAY, "team-a", "2026-11-24");
        UsageTotals day2 = totals(UsageGranularity.DAY, "team-a", "2026-11-25");
        UsageTotals month = totals(UsageGranularity.MONTH, "team-a", "2026-11");
        assertThat(day1.requests()).isEqualTo(30);
        assertThat(day2.requests()).isEqualTo(20);
        assertThat(month.requests()).isEqualTo(50);
        assertThat(month.promptTokens()).isEqualTo(written.stream().mapToLong(UsageEvent::promptTokens).sum());
        assertThat(month.completionTokens()).isEqualTo(written.stream().mapToLong(UsageEvent::completionTokens).sum());
        assertThat(month.totalTokens()).isEqualTo(day1.totalTokens() + day2.totalTokens());
        BigDecimal sum = out.stream().map(UsageEvent::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(month.costUsd()).isEqualByComparingTo(sum);
        assertThat(day1.costUsd().add(day2.costUsd())).isEqualByComparingTo(sum);
    }

    @Test
    void publishesTheSpendOfABudgetedSubscriptionForItsWholeBudgetWeek() {
        subscriptions.put("team-a", new Subscription("team-a", "A", null, null, null, new Limits(null, null, null,
                null, null, new Budget(BigDecimal.ONE, Period.WEEK)), null, null));
        // Monday 2026-11-23 and Tuesday 2026-11-24 are in one ISO week; Sunday 2026-11-22 is not
        write(event("r0", "team-a", "2026-11-22T10:00:00Z", 1_000_000, 0, null));
        write(event("r1", "team-a", "2026-11-23T10:00:00Z", 1_000_000, 0, null));
        write(event("r2", "team-a", "2026-11-24T10:00:00Z", 0, 1_000_000, null));
        write(event("r3", "team-b", "2026-11-24T10:00:00Z", 1_000_000, 0, null));

        List<Spend> published = spend.readValuesToList().stream().map(Spend::fromJson).toList();
        assertThat(published).hasSize(3).allSatisfy(s -> assertThat(s.subscriptionId()).isEqualTo("team-a"));
        Spend last = published.get(2);
        assertThat(last.period()).isEqualTo(Period.WEEK);
        assertThat(last.periodStart()).isEqualTo("2026-11-23T00:00:00Z");
        assertThat(last.spentUsd()).isEqualByComparingTo("0.75");
    }
}
