package io.sluice.processors.cache;

import io.sluice.processors.reply.NodeNames;
import io.sluice.records.Attributes;
import io.sluice.records.Hop;
import io.sluice.records.Micros;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyRecord;
import io.sluice.records.SluiceHeaders;
import io.sluice.records.UsageEvent;
import io.sluice.records.cache.CacheAttributes;
import io.sluice.records.cache.CacheScopeStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request from the cache when it can: an exact match of the normalised request first,
 * then the most similar stored prompt of the same scope and context above the threshold (with the
 * agreement check). A hit is answered here, in the shape the client asked for, with its one usage
 * event; a miss passes on, marked so that egress stores its answer.
 */
final class CacheLookupProcessor implements Processor<String, PromptRecord, String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(CacheLookupProcessor.class);
    /** How many semantic candidates are confirmed against the store before giving up. */
    static final int CONFIRM = 4;
    static final Duration SWEEP = Duration.ofSeconds(30);

    private final CacheSettings settings;
    private final Embedder embedder;
    private final Clock clock;
    private final String next;
    private ProcessorContext<String, Object> context;
    private CacheStore store;
    private KeyValueStore<String, byte[]> statsStore;
    private int partition;

    CacheLookupProcessor(CacheSettings settings, Embedder embedder, Clock clock, String next) {
        this.settings = settings;
        this.embedder = embedder;
        this.clock = clock;
        this.next = next;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(CacheStage.ENTRIES);
        this.statsStore = context.getStateStore(CacheStage.STATS);
        this.partition = context.taskId().partition();
        embedder.warmUp();
        long started = System.nanoTime();
        store.rebuildIndex();
        try (KeyValueIterator<String, byte[]> it = statsStore.all()) {
            it.forEachRemaining(kv -> store.counters().load(CacheScopeStats.fromJson(kv.value)));
        }
        if (store.size() > 0) {
            LOG.info("cache partition {}: index of {} entries rebuilt in {} ms", partition, store.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        context.schedule(Duration.ofMillis(settings.statsIntervalMs()), PunctuationType.WALL_CLOCK_TIME,
                t -> publishStats());
        context.schedule(SWEEP, PunctuationType.WALL_CLOCK_TIME, t -> sweep());
    }

    @Override
    public void process(Record<String, PromptRecord> record) {
        PromptRecord prompt = record.value();
        CachePolicy policy = prompt.operation() == Operation.CHAT
                ? settings.policyFor(prompt.model(), prompt.subscriptionId()) : null;
        if (policy == null) {
            context.forward(record, next);
            return;
        }
        CacheRequest.Outcome outcome = CacheRequest.analyse(prompt, policy);
        if (outcome.key() == null) {
            LOG.debug("request {}: not cacheable ({})", prompt.requestId(), outcome.notCacheable());
            context.forward(record.withValue(prompt.withResponseHeader(CacheHeaders.STATUS, CacheHeaders.BYPASS)), next);
            return;
        }
        CacheKey key = outcome.key();
        CacheControl control = CacheControl.parse(prompt.attribute(Attributes.CACHE_CONTROL));
        long now = clock.millis();
        float[] vector = null;
        boolean embeddable = true;
        if (!control.noCache()) {
            CacheEntry exact = store.get(key.entry());
            if (exact != null && exact.expiresAt() > now) {
                hit(record, prompt, key.entry(), exact, 1.0, true, now);
                return;
            }
            if (key.text() != null) {
                try {
                    vector = embedder.embed(key.text());
                } catch (EmbeddingUnavailableException e) {
                    LOG.warn("request {}: no embedding ({}); bypassing the cache", prompt.requestId(), e.getMessage());
                    embeddable = false;
                }
                if (vector != null && semanticHit(record, prompt, key, vector, policy, now)) {
                    return;
                }
            }
        }
        if (!embeddable) {
            store.counters().of(key.scope()).bypasses++;
            context.forward(record.withValue(prompt.withResponseHeader(CacheHeaders.STATUS, CacheHeaders.BYPASS)), next);
            return;
        }
        if (control.noCache()) {
            store.counters().of(key.scope()).bypasses++;
        } else {
            store.counters().of(key.scope()).misses++;
        }
        PromptRecord marked = prompt.withResponseHeader(CacheHeaders.STATUS,
                control.noCache() ? CacheHeaders.BYPASS : CacheHeaders.MISS);
        if (!control.noStore()) {
            if (vector == null && key.text() != null) {
                vector = embedQuietly(key.text());
            }
            marked = markForStore(marked, record.key(), key, vector, policy);
        }
        context.forward(record.withValue(marked), next);
    }

    private float[] embedQuietly(String text) {
        try {
            return embedder.embed(text);
        } catch (EmbeddingUnavailableException e) {
            return null;
        }
    }

    /** A stored entry confirmed above the threshold with its exact vector. */
    private record Match(String key, CacheEntry entry, double score) {
    }

    private boolean semanticHit(Record<String, PromptRecord> record, PromptRecord prompt, CacheKey key, float[] vector,
            CachePolicy policy, long now) {
        List<Match> confirmed = new ArrayList<>();
        for (VectorIndex.Candidate c : store.search(key.group(), vector, policy.threshold(), CONFIRM, now)) {
            CacheEntry e = store.get(c.key());
            if (e != null && e.expiresAt() > now) {
                double score = VectorCodec.dot(vector, e.vector());
                if (score >= policy.threshold()) {
                    confirmed.add(new Match(c.key(), e, score));
                }
            }
        }
        confirmed.sort(Comparator.comparingDouble(Match::score).reversed());
        PromptFacts facts = null;
        for (Match m : confirmed) {
            if (policy.agreementCheck()) {
                facts = facts == null ? PromptFacts.of(key.text()) : facts;
                if (m.entry().text() == null || !facts.agreesWith(PromptFacts.of(m.entry().text()))) {
                    continue;
                }
            }
            hit(record, prompt, m.key(), m.entry(), m.score(), false, now);
            return true;
        }
        return false;
    }

    private PromptRecord markForStore(PromptRecord prompt, String partitionKey, CacheKey key, float[] vector,
            CachePolicy policy) {
        PromptRecord p = prompt.withAttribute(CacheAttributes.ENTRY, key.entry())
                .withAttribute(CacheAttributes.SCOPE, key.scope())
                .withAttribute(CacheAttributes.CONTEXT, key.context())
                .withAttribute(CacheAttributes.PARTITION_KEY, partitionKey == null ? prompt.subscriptionId() : partitionKey)
                .withAttribute(CacheAttributes.TTL_MS, Long.toString(policy.ttlMs()))
                .withResponseHeader(CacheHeaders.KEY, key.entry());
        if (key.text() != null && vector != null) {
            p = p.withAttribute(CacheAttributes.TEXT, key.text()).withAttribute(CacheAttributes.VECTOR,
                    VectorCodec.encode(vector));
        }
        return p;
    }

    private void hit(Record<String, PromptRecord> in, PromptRecord prompt, String entryKey, CacheEntry entry,
            double score, boolean exact, long now) {
        store.touch(entryKey, now);
        ScopeCounters.Counters c = store.counters().of(entry.scope());
        c.hits++;
        if (exact) {
            c.exactHits++;
        }
        c.tokensSaved += entry.tokensSaved();
        Map<String, String> headers = new LinkedHashMap<>(prompt.responseHeaders());
        headers.put(CacheHeaders.STATUS, CacheHeaders.HIT);
        headers.put(CacheHeaders.SCORE, String.format(Locale.ROOT, "%.4f", Math.min(1.0, score)));
        headers.put(CacheHeaders.KEY, entryKey);
        headers.put(CacheHeaders.AGE, Long.toString(Math.max(0, (now - entry.createdAt()) / 1000)));
        long nowMicros = Micros.now(clock);
        Hop.PROCESSORS_OUT.stamp(in.headers(), nowMicros);
        for (ReplyRecord reply : HitAnswer.replies(prompt, entry, headers, now / 1000)) {
            Headers h = reply.toHeaders();
            SluiceHeaders.put(h, SluiceHeaders.REPLY_TO, prompt.replyTopic());
            Hop.copyAll(in.headers(), h);
            Hop.REPLY_SENT.stamp(h, nowMicros);
            context.forward(new Record<String, Object>(prompt.requestId(), reply.body(), in.timestamp(), h),
                    NodeNames.REPLY_SINK);
        }
        long received = Hop.INGRESS_RECEIVED.read(in.headers());
        double latency = received > 0 ? (nowMicros - received) / 1000.0 : 0;
        UsageEvent usage = UsageEvent.builder()
                .from(prompt)
                .status(200)
                .cache(CacheHeaders.HIT)
                .tokensSaved(entry.tokensSaved())
                .latencyMs(latency)
                .ttftMs(prompt.stream() ? latency : null)
                .timestamp(Instant.now(clock).toString())
                .build();
        context.forward(new Record<String, Object>(prompt.subscriptionId(), usage.toJsonBytes(), in.timestamp(),
                new RecordHeaders()), NodeNames.USAGE_SINK);
        LOG.debug("request {}: cache hit ({}, score {})", prompt.requestId(), exact ? "exact" : "semantic", score);
    }

    /** Publishes the statistics of the scopes that changed since the last time. */
    private void publishStats() {
        String now = Instant.now(clock).toString();
        for (CacheScopeStats s : store.counters().drain(partition, store.entriesPerScope(), now)) {
            String key = CacheScopeStats.key(s.scope(), s.partition());
            byte[] value = s.toJsonBytes();
            statsStore.put(s.scope(), value);
            context.forward(new Record<String, Object>(key, value, clock.millis()), CacheStage.STATS_SINK);
        }
    }

    /** Drops expired entries, so they free their place before eviction has to. */
    private void sweep() {
        long now = clock.millis();
        for (String key : store.expired(now)) {
            String scope = store.scopeOf(key);
            store.delete(key);
            if (scope != null) {
                store.counters().markDirty(scope);
            }
        }
    }
}
