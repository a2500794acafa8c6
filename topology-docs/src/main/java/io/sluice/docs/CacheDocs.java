package io.sluice.docs;

import io.sluice.records.cache.CacheAttributes;
import io.sluice.records.cache.CacheFill;
import io.sluice.records.cache.CacheScopeStats;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;

/** The semantic cache's part of the generated docs: its records and the request attributes it sets. */
final class CacheDocs {

    private static final Map<String, String> FILL = new LinkedHashMap<>();
    private static final Map<String, String> STATS = new LinkedHashMap<>();

    static {
        FILL.put("kind", "`store`, `invalidate-entry`, `invalidate-scope` or `invalidate-all`");
        FILL.put("request_id", "the request whose answer is stored");
        FILL.put("entry", "entry key: SHA-256 of the scope and the normalised compared conversation (hex)");
        FILL.put("scope", "cache scope (`<model>|<subscription or *>|sys:<hash>|params:<hash>|headers:<hash>`); for "
                + "`invalidate-scope` a scope or a filter `model=<m>,subscription=<s>`");
        FILL.put("context", "hash of the conversation before its last message (`0` for one message)");
        FILL.put("text", "the last user message, normalised, when it may match semantically");
        FILL.put("vector", "its embedding: float32 little-endian, base64");
        FILL.put("ttl_ms", "how long the answer may be served");
        FILL.put("model", "the model the backend reported");
        FILL.put("content", "the answer's text");
        FILL.put("finish_reason", "`stop` or `length`");
        FILL.put("system_fingerprint", "as the backend reported it");
        FILL.put("prompt_tokens", "the backend's prompt tokens: what each hit saves, with the completion tokens");
        FILL.put("completion_tokens", "the backend's completion tokens");
        STATS.put("scope", "the cache scope");
        STATS.put("model", "its model");
        STATS.put("subscription", "its subscription, when the scope varies by subscription");
        STATS.put("partition", "the partition these numbers are from");
        STATS.put("entries", "entries held now");
        STATS.put("hits", "requests answered from the cache");
        STATS.put("exact_hits", "of which by an exact match");
        STATS.put("misses", "requests looked up and not found");
        STATS.put("bypasses", "requests that skipped the lookup (`Cache-Control: no-cache`, no embedding)");
        STATS.put("stored", "answers stored");
        STATS.put("evicted", "entries evicted to stay within `cache.max-entries-per-partition`");
        STATS.put("tokens_saved", "backend tokens the hits saved");
        STATS.put("updated_at", "when the partition published this row");
    }

    private CacheDocs() {
    }

    static String topologyNote() {
        return "\nThe `cache` stage (when `cache.enabled`) answers a hit itself: the answer on the reply sink "
                + "(one `response`, or `chunk` records and `end` for a stream) and the usage event with "
                + "`cache: hit`. Its stores (`cache-entries`: RocksDB, changelogged, with an in-memory vector "
                + "index rebuilt when the task starts; `cache-stats`) are shared with `cache-fill`, which reads "
                + "`sluice.cache.fill`; that topic is keyed like the requests topic and has as many partitions, "
                + "so a fill lands in the task that looks the request up. Every few seconds the stage publishes "
                + "its per-scope statistics on `cache-stats-sink`.\n";
    }

    static String schemas() {
        StringBuilder sb = new StringBuilder();
        sb.append("\n## Semantic cache fills (`sluice.cache.fill`)\n\n");
        sb.append("JSON, keyed by the request's requests-topic key, so a fill reaches the partition (and the "
                + "stores) that looked the request up; invalidations from the admin API go to every partition. "
                + "Egress writes a `store` after a 2xx answer with one text choice that ended with `stop` or "
                + "`length`, for requests the cache stage marked with the attributes");
        for (Field f : CacheAttributes.class.getFields()) {
            sb.append(" `").append(DocTables.constant(f)).append("`");
        }
        sb.append(".\n\n");
        DocTables.fieldTable(sb, CacheFill.class, FILL, "CacheDocs");
        sb.append("\n## Semantic cache statistics (`sluice.cache.stats`)\n\n");
        sb.append("JSON, compacted, keyed by `<scope>@<partition>`: each partition publishes the scopes that "
                + "changed every `cache.stats-interval-ms`; `GET /admin/cache` adds the partitions up.\n\n");
        DocTables.fieldTable(sb, CacheScopeStats.class, STATS, "CacheDocs");
        return sb.toString();
    }
}
