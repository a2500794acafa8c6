package io.sluice.ingress.governance;

import io.sluice.records.governance.UsageGranularity;
import io.sluice.records.governance.UsageTotals;
import java.util.List;
import java.util.Optional;

/** The usage ledger as the admin API queries it (implemented over the ledger's Kafka Streams stores). */
public interface UsageLedger {

    /**
     * Where the totals of a subscription are held: {@code ""} for this instance, another instance's
     * admin API as {@code host:port}, or empty while nobody holds them (the ledger rebalances).
     */
    Optional<String> holder(String subscriptionId);

    /** The buckets from {@code fromLabel} to {@code toLabel} (inclusive) held by this instance. */
    List<UsageTotals> totals(String subscriptionId, UsageGranularity granularity, String fromLabel, String toLabel);
}
