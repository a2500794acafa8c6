package io.sluice.launcher;

import io.sluice.egress.backend.BackendEndpoint;
import io.sluice.egress.cache.CacheFillWriter;
import io.sluice.egress.finish.FinishListener;
import io.sluice.ingress.admin.AdminEndpoints;
import io.sluice.ingress.cache.CacheAdminEndpoints;
import io.sluice.ingress.cache.CacheStatsView;
import io.sluice.kafka.KafkaSettings;
import io.sluice.launcher.config.CacheSection;
import io.sluice.processors.cache.CacheSettings;
import io.sluice.processors.cache.EmbeddingsSource;
import io.sluice.records.Operation;
import io.sluice.records.TopicNames;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.Producer;

/**
 * The semantic cache in one process: its settings for the processors (with the embeddings source
 * resolved), the egress listener that stores answers, and the admin endpoints with their view of
 * the statistics topic.
 */
final class CacheRuntime implements AutoCloseable {

    private final CacheSection.Cache cache;
    private final CacheSettings settings;
    private final TopicNames names;
    private CacheStatsView stats;

    private CacheRuntime(CacheSection.Cache cache, CacheSettings settings, TopicNames names) {
        this.cache = cache;
        this.settings = settings;
        this.names = names;
    }

    /** @param backends the configured backends, for an embeddings source that is one of them */
    static CacheRuntime of(CacheSection.Cache cache, Map<String, BackendEndpoint> backends, TopicNames names) {
        if (!cache.enabled()) {
            return new CacheRuntime(cache, null, names);
        }
        CacheSettings settings = cache.settings();
        if (cache.embeddingsBackend() != null) {
            BackendEndpoint b = backends.get(cache.embeddingsBackend());
            settings = settings.withEmbeddings(new EmbeddingsSource(b.url(Operation.EMBEDDINGS), b.authHeaderName(),
                    b.authHeaderValue(), cache.embeddingsModel(), cache.embeddingsTimeoutMs()));
        }
        return new CacheRuntime(cache, settings, names);
    }

    /** The processors' cache settings, or null when the cache is off. */
    CacheSettings settings() {
        return settings;
    }

    /** Headers ingress carries for vary-by. */
    Set<String> carriedHeaders() {
        return cache.carriedHeaders();
    }

    /** Stores answers; null when the cache is off. */
    FinishListener fillWriter(Producer<String, byte[]> producer) {
        return settings == null ? null : new CacheFillWriter(producer, names);
    }

    AdminEndpoints endpoints(KafkaSettings kafka, Producer<String, byte[]> producer, String instanceId) {
        if (settings != null) {
            stats = CacheStatsView.start(kafka, names.cacheStats(), "cache-stats-" + instanceId);
        }
        return new CacheAdminEndpoints(settings != null, stats, producer, names);
    }

    @Override
    public void close() {
        if (stats != null) {
            stats.close();
        }
    }
}
