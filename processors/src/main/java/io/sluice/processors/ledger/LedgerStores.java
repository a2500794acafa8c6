package io.sluice.processors.ledger;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/** The ledger's state stores, both changelogged in the ledger's transactions. */
public final class LedgerStores {

    /** Request ids seen within the dedupe window (a window store: old ids drop out by segment). */
    public static final String SEEN = "ledger-seen";
    /** {@code <subscription>/<granularity>/<bucket>} → UsageTotals (JSON); queryable. */
    public static final String TOTALS = "ledger-totals";

    private LedgerStores() {
    }

    static StoreBuilder<WindowStore<String, Long>> seen(Duration window) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEEN, window.multipliedBy(2), window, false),
                Serdes.String(), Serdes.Long()).withCachingDisabled();
    }

    static StoreBuilder<KeyValueStore<String, byte[]>> totals() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TOTALS), Serdes.String(),
                Serdes.ByteArray()).withCachingDisabled();
    }
}
