package io.sluice.ingress.cache;

import io.sluice.ingress.admin.AdminEndpoints;
import io.sluice.ingress.admin.AdminResponses;
import io.sluice.ingress.http.ErrorResponses;
import io.sluice.records.ApiError;
import io.sluice.records.TopicNames;
import io.sluice.records.cache.CacheFill;
import io.sluice.records.cache.CacheScopeStats;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;

/**
 * {@code /admin/cache}: statistics per scope (entries, hits, hit ratio, tokens saved), added up
 * over the partitions, and invalidation of one entry, the scopes of a model or subscription, one
 * scope, or everything. An invalidation is written to every partition of the cache-fill topic and
 * applied by the processors within moments (hence 202).
 */
public final class CacheAdminEndpoints implements AdminEndpoints {

    private final boolean enabled;
    private final CacheStatsView stats;
    private final Producer<String, byte[]> producer;
    private final TopicNames topics;

    /** @param stats null when the cache is not configured */
    public CacheAdminEndpoints(boolean enabled, CacheStatsView stats, Producer<String, byte[]> producer,
            TopicNames topics) {
        this.enabled = enabled;
        this.stats = stats;
        this.producer = producer;
        this.topics = topics;
    }

    @Override
    public void mount(Router admin, Vertx vertx) {
        admin.get("/cache").handler(this::stats);
        admin.delete("/cache").handler(this::invalidateMatching);
        admin.delete("/cache/entries/:entry").handler(ctx -> {
            String entry = ctx.pathParam("entry");
            if (!entry.matches("[0-9a-f]{64}")) {
                ErrorResponses.write(ctx.response(), ApiError.invalidRequest("entry", "An entry key is the 64 hex "
                        + "digits of the x-sluice-cache-key response header."), null);
                return;
            }
            invalidate(ctx, CacheFill.invalidation(entry, null), Map.of("entry", entry));
        });
        admin.delete("/cache/scopes/:scope").handler(ctx -> invalidate(ctx,
                CacheFill.invalidation(null, ctx.pathParam("scope")), Map.of("scope", ctx.pathParam("scope"))));
    }

    private void stats(RoutingContext ctx) {
        String model = ctx.request().getParam("model");
        String subscription = ctx.request().getParam("subscription");
        Map<String, ScopeTotals> byScope = new TreeMap<>();
        if (stats != null) {
            for (CacheScopeStats s : stats.rows()) {
                if ((model == null || model.equals(s.model()))
                        && (subscription == null || subscription.equals(s.subscription()))) {
                    byScope.computeIfAbsent(s.scope(), k -> new ScopeTotals(s.scope(), s.model(), s.subscription()))
                            .add(s);
                }
            }
        }
        ScopeTotals all = new ScopeTotals(null, model, subscription);
        List<Map<String, Object>> scopes = new ArrayList<>();
        byScope.values().stream().sorted(Comparator.comparingLong((ScopeTotals t) -> -t.hits))
                .forEach(t -> {
                    scopes.add(t.toJson());
                    all.add(t);
                });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", enabled);
        body.put("totals", all.toJson());
        body.put("scopes", scopes);
        AdminResponses.json(ctx, 200, body);
    }

    private void invalidateMatching(RoutingContext ctx) {
        String model = ctx.request().getParam("model");
        String subscription = ctx.request().getParam("subscription");
        boolean all = "true".equals(ctx.request().getParam("all"));
        if (model == null && subscription == null && !all) {
            ErrorResponses.write(ctx.response(), ApiError.invalidRequest("model", "Name what to invalidate: "
                    + "?model=..., ?subscription=... (or both), or ?all=true for every entry."), null);
            return;
        }
        if (model == null && subscription == null) {
            invalidate(ctx, CacheFill.invalidation(null, null), Map.of("all", true));
            return;
        }
        List<String> parts = new ArrayList<>();
        Map<String, Object> what = new LinkedHashMap<>();
        if (model != null) {
            parts.add("model=" + model);
            what.put("model", model);
        }
        if (subscription != null) {
            parts.add("subscription=" + subscription);
            what.put("subscription", subscription);
        }
        invalidate(ctx, CacheFill.invalidation(null, String.join(",", parts)), what);
    }

    private void invalidate(RoutingContext ctx, CacheFill invalidation, Map<String, Object> what) {
        if (!enabled) {
            ErrorResponses.write(ctx.response(), new ApiError(409, "invalid_request_error", "cache_disabled",
                    "The semantic cache is not enabled (config: cache.enabled).", null, 0), null);
            return;
        }
        List<PartitionInfo> partitions = producer.partitionsFor(topics.cacheFill());
        byte[] value = invalidation.toJsonBytes();
        for (PartitionInfo p : partitions) {
            producer.send(new ProducerRecord<>(topics.cacheFill(), p.partition(), "invalidate", value));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invalidated", what);
        body.put("partitions", partitions.size());
        AdminResponses.json(ctx, 202, body);
    }

    /** One scope's statistics added up over its partitions. */
    private static final class ScopeTotals {
        final String scope;
        final String model;
        final String subscription;
        long entries;
        long hits;
        long exactHits;
        long misses;
        long bypasses;
        long stored;
        long evicted;
        long tokensSaved;
        int partitions;

        ScopeTotals(String scope, String model, String subscription) {
            this.scope = scope;
            this.model = model;
            this.subscription = subscription;
        }

        void add(CacheScopeStats s) {
            entries += s.entries();
            hits += s.hits();
            exactHits += s.exactHits();
            misses += s.misses();
            bypasses += s.bypasses();
            stored += s.stored();
            evicted += s.evicted();
            tokensSaved += s.tokensSaved();
            partitions++;
        }

        void add(ScopeTotals t) {
            entries += t.entries;
            hits += t.hits;
            exactHits += t.exactHits;
            misses += t.misses;
            bypasses += t.bypasses;
            stored += t.stored;
            evicted += t.evicted;
            tokensSaved += t.tokensSaved;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (scope != null) {
                m.put("scope", scope);
                m.put("partitions", partitions);
            }
            m.put("model", model);
            m.put("subscription", subscription);
            m.put("entries", entries);
            m.put("hits", hits);
            m.put("exact_hits", exactHits);
            m.put("semantic_hits", hits - exactHits);
            m.put("misses", misses);
            m.put("bypasses", bypasses);
            m.put("hit_ratio", hits + misses == 0 ? 0.0 : Math.round(10_000.0 * hits / (hits + misses)) / 10_000.0);
            m.put("stored", stored);
            m.put("evicted", evicted);
            m.put("tokens_saved", tokensSaved);
            return m;
        }
    }
}
