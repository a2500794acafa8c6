package io.sluice.processors.quota;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The quota stage's state stores: RocksDB, changelogged, so a restart resumes mid-window. */
public final class QuotaStores {

    /** Counter key → {@link CounterState}. */
    public static final String COUNTERS = "quota-counters";
    /** Request id → {@link Reservation}, while the request is in flight. */
    public static final String RESERVATIONS = "quota-reservations";

    private QuotaStores() {
    }

    static List<StoreBuilder<?>> builders() {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COUNTERS), Serdes.String(),
                        QuotaSerdes.COUNTER).withCachingDisabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESERVATIONS), Serdes.String(),
                        QuotaSerdes.RESERVATION).withCachingDisabled());
    }
}
