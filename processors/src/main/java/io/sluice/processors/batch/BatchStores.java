package io.sluice.processors.batch;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The batch part's state stores, RocksDB with changelogs, so a restart resumes exactly where the
 * last committed transaction left off.
 */
public final class BatchStores {

    /** {@code <counter key>#<offset>} → a line waiting for its counter's window (FIFO per counter). */
    public static final String QUEUE = "batch-queue";
    /** Request id → {@link Outstanding}: lines dispatched whose outcome has not arrived yet. */
    public static final String OUTSTANDING = "batch-outstanding";
    /** Batch id → {@link io.sluice.records.batch.BatchState} (JSON) of batches not finished yet. */
    public static final String PROGRESS = "batch-progress";

    private BatchStores() {
    }

    static List<StoreBuilder<?>> builders() {
        return List.of(store(QUEUE), store(OUTSTANDING), store(PROGRESS));
    }

    private static StoreBuilder<?> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withCachingDisabled();
    }
}
