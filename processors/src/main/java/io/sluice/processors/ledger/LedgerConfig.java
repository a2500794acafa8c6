package io.sluice.processors.ledger;

import io.sluice.records.TopicNames;
import io.sluice.records.governance.PriceTable;
import io.sluice.records.governance.SubscriptionDirectory;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the usage ledger.
 *
 * @param applicationId     Kafka Streams application id of the ledger
 * @param dedupeWindow      how long a request id is remembered to drop a second usage event for it
 * @param applicationServer host:port where this instance answers usage queries (its admin API), or
 *                          null when it answers none
 */
public record LedgerConfig(
        TopicNames topics,
        String applicationId,
        String stateDir,
        PriceTable prices,
        SubscriptionDirectory subscriptions,
        Duration dedupeWindow,
        long commitIntervalMs,
        String applicationServer) {

    public LedgerConfig {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        prices = prices == null ? PriceTable.none() : prices;
        subscriptions = subscriptions == null ? SubscriptionDirectory.EMPTY : subscriptions;
        Objects.requireNonNull(dedupeWindow, "dedupeWindow");
        if (dedupeWindow.toMinutes() < 1) {
            throw new IllegalArgumentException("dedupeWindow must be at least a minute");
        }
        if (commitIntervalMs < 1) {
            throw new IllegalArgumentException("commitIntervalMs must be at least 1");
        }
    }
}
