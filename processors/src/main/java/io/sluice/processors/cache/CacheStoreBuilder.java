package io.sluice.processors.cache;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Builds a {@link CacheStore} around Kafka's own persistent, changelogged key-value store. */
final class CacheStoreBuilder implements StoreBuilder<CacheStore> {

    private StoreBuilder<KeyValueStore<String, CacheEntry>> inner;

    CacheStoreBuilder(String name) {
        this.inner = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
                new CacheEntrySerde()).withCachingDisabled();
    }

    @Override
    public StoreBuilder<CacheStore> withCachingEnabled() {
        throw new UnsupportedOperationException("the cache store writes through; a record cache would hide writes");
    }

    @Override
    public StoreBuilder<CacheStore> withCachingDisabled() {
        inner = inner.withCachingDisabled();
        return this;
    }

    @Override
    public StoreBuilder<CacheStore> withLoggingEnabled(Map<String, String> config) {
        inner = inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<CacheStore> withLoggingDisabled() {
        inner = inner.withLoggingDisabled();
        return this;
    }

    @Override
    public CacheStore build() {
        return new CacheStore(inner.build());
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
