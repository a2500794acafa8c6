package io.sluice.launcher;

import io.sluice.egress.finish.FinishListener;
import io.sluice.egress.governance.ReconcileWriter;
import io.sluice.ingress.admin.AdminEndpoints;
import io.sluice.ingress.auth.KeyDirectory;
import io.sluice.ingress.governance.ConfigKeyDirectory;
import io.sluice.ingress.governance.ConfigSeeder;
import io.sluice.ingress.governance.GovernanceWriter;
import io.sluice.ingress.governance.KeysEndpoints;
import io.sluice.ingress.governance.SubscriptionsEndpoints;
import io.sluice.ingress.governance.UsageEndpoints;
import io.sluice.ingress.governance.UsageLedger;
import io.sluice.kafka.ConfigTopicReader;
import io.sluice.kafka.KafkaSettings;
import io.sluice.launcher.config.SluiceConfig;
import io.sluice.processors.ledger.LedgerConfig;
import io.sluice.processors.ledger.LedgerQueries;
import io.sluice.processors.ledger.LedgerRole;
import io.sluice.processors.quota.QuotaSettings;
import io.sluice.records.TopicNames;
import io.sluice.records.governance.GovernanceView;
import io.sluice.records.governance.PriceTable;
import io.sluice.records.governance.Subscription;
import io.sluice.records.governance.UsageGranularity;
import io.sluice.records.governance.UsageTotals;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;

/**
 * Token governance in one process: the view of the config topic every role reads, the writer the
 * admin API and the config seeding use, the usage ledger (with the processors role), and what
 * each role gets from them.
 */
final class GovernanceRuntime implements AutoCloseable {

    private final SluiceConfig config;
    private final TopicNames names;
    private final Clock clock;
    private final GovernanceView view = new GovernanceView();
    private ConfigTopicReader reader;
    private GovernanceWriter writer;
    private LedgerRole ledger;

    private GovernanceRuntime(SluiceConfig config, TopicNames names, Clock clock) {
        this.config = config;
        this.names = names;
        this.clock = clock;
    }

    /**
     * Reads the config topic up to its end (so no role starts with a stale view), then seeds the
     * subscriptions of the config file that the topic lacks.
     */
    static GovernanceRuntime start(SluiceConfig config, KafkaSettings kafka, TopicNames names,
            Producer<String, byte[]> producer, Clock clock) {
        GovernanceRuntime g = new GovernanceRuntime(config, names, clock);
        g.reader = ConfigTopicReader.start(kafka, names, g.view, "sluice-config-" + config.server().instanceId(),
                Duration.ofSeconds(60));
        g.writer = new GovernanceWriter(producer, names, g.view, Duration.ofSeconds(10));
        ConfigSeeder.seed(g.writer, g.view, g.seeds(), clock);
        return g;
    }

    private List<ConfigSeeder.Seed> seeds() {
        List<ConfigSeeder.Seed> out = new ArrayList<>();
        String now = clock.instant().toString();
        for (SluiceConfig.Subscription s : config.subscriptions()) {
            Subscription settings = s.settings() != null ? s.settings()
                    : new Subscription(s.id(), s.name(), null, null, null, null, null, null);
            Subscription dated = new Subscription(settings.id(), settings.name(), settings.product(),
                    settings.state(), settings.models(), settings.limits(), now, now);
            out.add(new ConfigSeeder.Seed(dated, s.keys().stream()
                    .map(k -> new ConfigSeeder.SeedKey(k.id(), k.sha256())).toList()));
        }
        return out;
    }

    QuotaSettings quota() {
        return new QuotaSettings(view, config.governance().defaultCompletionTokens());
    }

    /** Starts the usage ledger; {@code httpPort} is where this instance's admin API answers (or -1). */
    void startLedger(KafkaSettings kafka, String stateDir, int httpPort) {
        SluiceConfig.Governance g = config.governance();
        String server = httpPort > 0 ? g.advertisedHost(config.server().host()) + ":" + httpPort : null;
        ledger = LedgerRole.start(new LedgerConfig(names, names.prefix() + "ledger", stateDir,
                new PriceTable(g.prices()), view, g.dedupeWindow(), config.processors().commitIntervalMs(), server),
                kafka, Duration.ofSeconds(120));
    }

    LedgerRole ledger() {
        return ledger;
    }

    KeyDirectory keys() {
        return new ConfigKeyDirectory(view, clock);
    }

    FinishListener reconciliation(Producer<String, byte[]> producer) {
        return new ReconcileWriter(producer, names);
    }

    List<AdminEndpoints> endpoints() {
        UsageLedger usage = ledger == null ? null : new UsageLedger() {
            @Override
            public Optional<String> holder(String subscriptionId) {
                LedgerQueries.Location where = ledger.queries().locate(subscriptionId);
                if (where instanceof LedgerQueries.Location.Here) {
                    return Optional.of("");
                }
                return where instanceof LedgerQueries.Location.There there ? Optional.of(there.hostPort())
                        : Optional.empty();
            }

            @Override
            public List<UsageTotals> totals(String subscriptionId, UsageGranularity granularity, String from,
                    String to) {
                return ledger.queries().totals(subscriptionId, granularity, from, to);
            }
        };
        return List.of(new SubscriptionsEndpoints(view, writer, clock), new KeysEndpoints(view, writer, clock),
                new UsageEndpoints(view, usage, clock));
    }

    GovernanceView view() {
        return view;
    }

    @Override
    public void close() {
        if (ledger != null) {
            ledger.close();
        }
        if (writer != null) {
            writer.close();
        }
        if (reader != null) {
            reader.close();
        }
    }
}
