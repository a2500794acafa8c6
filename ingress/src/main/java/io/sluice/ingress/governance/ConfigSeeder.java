package io.sluice.ingress.governance;

import io.sluice.records.governance.ApiKeyEntry;
import io.sluice.records.governance.ConfigKeys;
import io.sluice.records.governance.GovernanceView;
import io.sluice.records.governance.Subscription;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the config topic from the YAML {@code subscriptions:} at start: entities the topic lacks
 * are created, entities it has are left alone (the admin API owns them after the first start), and
 * a configured key that was revoked stays revoked. Safe to run on every instance at every start.
 */
public final class ConfigSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigSeeder.class);

    /** A key from the config file: its id and hash (never the key). */
    public record SeedKey(String id, String sha256) {
    }

    /** A subscription from the config file, with its keys. */
    public record Seed(Subscription subscription, List<SeedKey> keys) {
    }

    private ConfigSeeder() {
    }

    /** Writes what the topic lacks; returns how many entities were written. */
    public static int seed(GovernanceWriter writer, GovernanceView view, List<Seed> seeds, Clock clock) {
        int written = 0;
        for (Seed seed : seeds) {
            Subscription s = seed.subscription();
            if (view.subscription(s.id()) == null) {
                writer.put(ConfigKeys.subscription(s.id()), s.toJsonBytes());
                written++;
            }
            for (SeedKey k : seed.keys()) {
                Optional<ApiKeyEntry> byHash = view.keyByHash(k.sha256());
                if (byHash.isPresent()) {
                    if (byHash.get().revoked()) {
                        LOG.warn("configured key {} of subscription {} was revoked; it stays revoked", k.id(), s.id());
                    }
                    continue;
                }
                if (view.key(k.id()).isPresent()) {
                    LOG.warn("configured key id {} already names another key; give this key another id", k.id());
                    continue;
                }
                ApiKeyEntry entry = new ApiKeyEntry(k.id(), s.id(), k.sha256(), null, "from configuration", false,
                        clock.instant().toString(), null, null);
                writer.put(ConfigKeys.key(k.id()), entry.toJsonBytes());
                written++;
            }
        }
        return written;
    }
}
