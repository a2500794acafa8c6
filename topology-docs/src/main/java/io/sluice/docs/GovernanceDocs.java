package io.sluice.docs;

import io.sluice.processors.ledger.LedgerConfig;
import io.sluice.processors.ledger.LedgerTopology;
import io.sluice.records.TopicNames;
import io.sluice.records.governance.ApiKeyEntry;
import io.sluice.records.governance.Limits;
import io.sluice.records.governance.Reconciliation;
import io.sluice.records.governance.Spend;
import io.sluice.records.governance.Subscription;
import io.sluice.records.governance.UsageTotals;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The token-governance parts of the generated docs: the ledger topology, the billing contract, the config schemas. */
final class GovernanceDocs {

    private GovernanceDocs() {
    }

    static String ledgerTopology() {
        LedgerConfig config = new LedgerConfig(TopicNames.defaults(), "sluice.ledger", "/tmp", null, null,
                Duration.ofHours(1), 100, null);
        return "\n## The usage ledger\n\n"
                + "A second Kafka Streams application (application id `<prefix>ledger`), run by every processors "
                + "instance, always with `processing.guarantee=exactly_once_v2` (whatever `processors.exactly-once` "
                + "says). It reads the usage events egress and the processors wrote to `sluice.usage.pending`, "
                + "drops a second event for a request id seen within the dedupe window (store `ledger-seen`), "
                + "prices the event, writes it to `sluice.usage`, adds it to the subscription's hourly, daily and "
                + "monthly totals (store `ledger-totals`, queried by `GET /admin/usage`), and for subscriptions "
                + "with a budget publishes their spend in the budget period to `sluice.spend`. Input offsets, "
                + "store changes and output records commit in one transaction.\n\n"
                + "```\n" + LedgerTopology.build(config).describe().toString().strip() + "\n```\n";
    }

    static String billingContract() {
        return """

                ### The usage topic as a billing contract

                - **One event per request, exactly once.** Every request that reached Kafka yields one event on \
                `sluice.usage`. Egress and the processors write events to `sluice.usage.pending` with idempotent \
                producers; a crash can still make them write one twice. The ledger (Kafka Streams, \
                `exactly_once_v2`) drops any further event with a `request_id` it saw within \
                `governance.dedupe-window-minutes` (default 60), prices the event and writes it to `sluice.usage` \
                in the same transaction that updates its totals and commits its input. A consumer reading with \
                `isolation.level=read_committed` sees each event once; with `read_uncommitted` it may also see \
                events of transactions that were aborted and retried.
                - **Key and ordering.** The key is the subscription id, so all events of one subscription are in \
                one partition, in the order the ledger wrote them (the order the requests finished, per \
                partition of `sluice.usage.pending`). There is no order across subscriptions.
                - **Money.** `cost_usd` is the price-table cost (`prices:` in the config, US dollars per million \
                tokens: uncached prompt tokens at `input`, cached ones at `cached-input`, completion tokens at \
                `output`), an exact decimal written without exponent (`0.000435`); absent when the model has no \
                price. The ledger's totals (`GET /admin/usage`) are sums of these events, to the token and the \
                cent.
                - **Your side.** Kafka delivers to your consumer at least once unless you store your offsets with \
                your bills; `request_id` is unique, so deduplicate by it. Retention is 30 days.

                Reading it with Kafka's console consumer:

                ```bash
                kafka-console-consumer.sh --bootstrap-server 127.0.0.1:9092 --topic sluice.usage \\
                  --isolation-level read_committed --from-beginning --property print.key=true
                ```

                An example billing consumer (Java):

                ```java
                Properties p = new Properties();
                p.put("bootstrap.servers", "kafka-1:9092");
                p.put("group.id", "billing");
                p.put("isolation.level", "read_committed");    // events of committed ledger transactions only
                p.put("enable.auto.commit", "false");
                p.put("key.deserializer", StringDeserializer.class.getName());
                p.put("value.deserializer", ByteArrayDeserializer.class.getName());
                ObjectMapper json = new ObjectMapper();
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
                    consumer.subscribe(List.of("sluice.usage"));
                    while (true) {
                        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                            JsonNode e = json.readTree(r.value());
                            // idempotent on request_id: a redelivered event overwrites its own row
                            bills.upsert(e.get("request_id").asText(), r.key(), e.get("total_tokens").asLong(),
                                    e.path("cost_usd").decimalValue());
                        }
                        consumer.commitSync();                  // after the bills are stored
                    }
                }
                ```
                """;
    }

    static String schemas() {
        StringBuilder sb = new StringBuilder();
        sb.append("\n## Runtime configuration (`sluice.config`)\n\n");
        sb.append("JSON, compacted, one partition, keyed by entity id; a null value (tombstone) deletes. Written by "
                + "the admin API (and, for what the topic lacks, by the config file's `subscriptions:` at start); "
                + "read from the beginning by every instance, which applies a change within a second. Keys are "
                + "stored only as their SHA-256; a revoked key stays stored (revoked) so it can never be issued "
                + "again.\n\n### `subscription:<id>`: Subscription\n\n");
        table(sb, Subscription.class, Map.of(
                "id", "The subscription id: 1 to 64 letters, digits, `.`, `_`, `-`.",
                "name", "Display name.",
                "product", "Optional product or plan name.",
                "state", "`active`, or `suspended` (its keys are refused with 403).",
                "models", "The models it may use; empty: every model the gateway serves.",
                "limits", "Limits, below; an absent limit does not apply.",
                "created_at", "When it was created (ISO-8601, UTC).",
                "updated_at", "When it last changed."));
        sb.append("\n`limits`:\n\n");
        table(sb, Limits.class, Map.of(
                "counter_key", "What the limits count per: `subscription` (default), `key`, `ip` or "
                        + "`header:<name>`. It also keys the requests topic, so each counter has one partition.",
                "tokens_per_minute", "Tokens per UTC minute (reserved: prompt + max_tokens; reconciled to real use).",
                "token_quota", "`{tokens, period}`: tokens per calendar period (`hour`, `day`, `week` from Monday, "
                        + "`month`, `year`; UTC).",
                "requests_per_minute", "Requests per UTC minute.",
                "max_parallel", "Requests in flight at once.",
                "budget", "`{usd, period}`: spending per calendar period, as the ledger counts it."));
        sb.append("\n### `key:<key-id>`: ApiKeyEntry\n\n");
        table(sb, ApiKeyEntry.class, Map.of(
                "id", "The key's id (in usage events as `key_id`).",
                "subscription_id", "The subscription it belongs to.",
                "sha256", "SHA-256 of the key, hex: the only form in which a key is stored.",
                "prefix", "The first characters of the key, to tell keys apart in lists.",
                "name", "Optional label.",
                "revoked", "True once revoked; never reverts.",
                "created_at", "When it was issued.",
                "revoked_at", "When it was revoked.",
                "expires_at", "A rotated key works until this time (its grace period), then is refused."));
        sb.append("\n## Quota reconciliation (`sluice.quota.reconcile`)\n\nJSON, keyed by counter key (so it reaches "
                + "the partition of the requests topic that holds the counter). Egress writes one when a request "
                + "that holds a reservation finishes; the processors write one (with zero usage) when a stage "
                + "after the quota stage ends it. The quota stage replaces the reservation by the real usage once, "
                + "removing the reservation.\n\n");
        table(sb, Reconciliation.class, Map.of(
                "request_id", "The request whose reservation this settles.",
                "counter_key", "The counter that reserved tokens (also the record key).",
                "status", "HTTP status the client received.",
                "prompt_tokens", "Real prompt tokens (0 from a backend that reported none: the prompt as counted "
                        + "on admission is used).",
                "completion_tokens", "Real completion tokens."));
        sb.append("\n## Budget spend (`sluice.spend`)\n\nJSON, compacted, keyed by subscription id, written by the "
                + "ledger (transactional) for subscriptions with a budget; the quota stage refuses requests of a "
                + "subscription whose spend in the current period has reached its budget.\n\n");
        table(sb, Spend.class, Map.of(
                "subscription_id", "The subscription (also the record key).",
                "period", "The budget's period.",
                "period_start", "Start of the period counted (ISO-8601, UTC).",
                "spent_usd", "Cost of its usage events in that period."));
        sb.append("\n## Usage totals (`GET /admin/usage`)\n\nOne bucket of the ledger's totals of a subscription "
                + "(`data`), and their sum (`total`).\n\n");
        table(sb, UsageTotals.class, Map.of(
                "period", "The bucket: `2026-11-24T10` (hour), `2026-11-24` (day), `2026-11` (month), UTC.",
                "requests", "Usage events (finished requests, errors included).",
                "prompt_tokens", "Sum of `prompt_tokens`.",
                "completion_tokens", "Sum of `completion_tokens`.",
                "total_tokens", "Sum of `total_tokens`.",
                "cached_tokens", "Sum of `cached_tokens`.",
                "cost_usd", "Sum of `cost_usd`, exact."));
        return sb.toString();
    }

    private static void table(StringBuilder sb, Class<? extends Record> type, Map<String, String> docs) {
        Map<String, String> remaining = new LinkedHashMap<>(docs);
        sb.append("| field | type | meaning |\n|---|---|---|\n");
        for (RecordComponent c : type.getRecordComponents()) {
            String json = DocTables.jsonName(c);
            String doc = remaining.remove(json);
            if (doc == null) {
                throw new IllegalStateException(type.getSimpleName() + " field " + json
                        + " has no entry in GovernanceDocs");
            }
            sb.append("| `").append(json).append("` | ").append(typeName(c.getType())).append(" | ").append(doc)
                    .append(" |\n");
        }
        if (!remaining.isEmpty()) {
            throw new IllegalStateException("GovernanceDocs documents fields " + type.getSimpleName()
                    + " does not have: " + remaining.keySet());
        }
    }

    private static String typeName(Class<?> t) {
        if (t == String.class || t.isEnum()) {
            return "string";
        }
        if (t == int.class || t == long.class || t == Long.class) {
            return "integer";
        }
        if (t == boolean.class) {
            return "boolean";
        }
        if (t == java.math.BigDecimal.class) {
            return "number";
        }
        if (java.util.List.class.isAssignableFrom(t)) {
            return "array";
        }
        return "object";
    }
}
