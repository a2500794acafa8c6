package io.sluice.processors.cache;

import io.sluice.processors.stage.Stage;
import io.sluice.records.PromptRecord;
import io.sluice.records.TopicNames;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The semantic cache on the interactive path: looks requests up before they cost quota or a
 * backend call, and fills from the cache-fill topic, which egress writes after a successful answer
 * keyed like the request, so fills reach the partition (and the stores) where lookups happen.
 */
public final class CacheStage implements Stage {

    public static final String NAME = "cache";
    public static final String ENTRIES = "cache-entries";
    public static final String STATS = "cache-stats";
    public static final String FILL_SOURCE = "cache-fill-source";
    public static final String FILL = "cache-fill";
    public static final String STATS_SINK = "cache-stats-sink";

    private final CacheSettings settings;
    private final Embedder embedder;
    private final Clock clock;

    public CacheStage(CacheSettings settings, Clock clock) {
        this(settings, Embedder.of(settings.embeddings()), clock);
    }

    /** With a given embedder (tests use small fakes next to the real model). */
    public CacheStage(CacheSettings settings, Embedder embedder, Clock clock) {
        this.settings = settings;
        this.embedder = embedder;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Processor<String, PromptRecord, String, Object> processor(String next) {
        return new CacheLookupProcessor(settings, embedder, clock, next);
    }

    @Override
    public List<StoreBuilder<?>> stores() {
        return List.of(new CacheStoreBuilder(ENTRIES),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATS), Serdes.String(),
                        Serdes.ByteArray()).withCachingDisabled());
    }

    @Override
    public void extend(Topology topology, TopicNames topics) {
        topology.addSource(FILL_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.cacheFill());
        topology.addProcessor(FILL, () -> new CacheFillProcessor(settings, clock), FILL_SOURCE);
        topology.connectProcessorAndStateStores(FILL, ENTRIES, STATS);
        topology.addSink(STATS_SINK, topics.cacheStats(), new StringSerializer(), new ByteArraySerializer(), NAME);
    }
}
