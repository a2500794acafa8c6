package io.sluice.processors.routing;

import io.sluice.records.BackendHealth;
import io.sluice.records.MalformedRecordException;
import io.sluice.records.TopicNames;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend-health topic as a global store: every processors instance holds the latest breaker
 * state of every backend (the topic is compacted and small), so routing skips tripped backends
 * whatever partition a request is on.
 */
public final class BackendHealthStore {

    public static final String NAME = "backend-health";
    static final String SOURCE = "backend-health-source";
    static final String UPDATER = "backend-health-updater";
    private static final Logger LOG = LoggerFactory.getLogger(BackendHealthStore.class);

    private BackendHealthStore() {
    }

    public static void addTo(Topology topology, TopicNames topics) {
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(NAME), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.backendHealth(), UPDATER,
                Updater::new);
    }

    /** Reads one backend's state from the store; null when none was ever published or it is unreadable. */
    static BackendHealth read(KeyValueStore<String, byte[]> store, String backend) {
        byte[] value = store.get(backend);
        if (value == null) {
            return null;
        }
        try {
            return BackendHealth.fromJson(value);
        } catch (MalformedRecordException e) {
            return null;
        }
    }

    /** Keeps the latest record per backend. */
    private static final class Updater implements Processor<String, byte[], Void, Void> {
        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(NAME);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
                return;
            }
            try {
                BackendHealth.fromJson(record.value());
                store.put(record.key(), record.value());
            } catch (MalformedRecordException e) {
                LOG.warn("skipping a malformed backend-health record for {}: {}", record.key(), e.getMessage());
            }
        }
    }
}
