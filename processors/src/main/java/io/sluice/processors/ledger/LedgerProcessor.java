package io.sluice.processors.ledger;

import io.sluice.records.MalformedRecordException;
import io.sluice.records.UsageEvent;
import io.sluice.records.governance.Budget;
import io.sluice.records.governance.Period;
import io.sluice.records.governance.Spend;
import io.sluice.records.governance.Subscription;
import io.sluice.records.governance.UsageGranularity;
import io.sluice.records.governance.UsageTotals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the usage events egress and the processors wrote into the billing record: drops a second
 * event for a request id already seen, prices the event, writes it to the usage topic, adds it to
 * the subscription's hourly, daily and monthly totals, and publishes the spend of subscriptions
 * with a budget. Runs in exactly-once transactions, so each event is counted once.
 */
final class LedgerProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerProcessor.class);

    private final LedgerConfig config;
    private ProcessorContext<String, byte[]> context;
    private WindowStore<String, Long> seen;
    private KeyValueStore<String, byte[]> totals;

    LedgerProcessor(LedgerConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.seen = context.getStateStore(LedgerStores.SEEN);
        this.totals = context.getStateStore(LedgerStores.TOTALS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        UsageEvent event;
        try {
            event = UsageEvent.fromJson(record.value());
        } catch (MalformedRecordException e) {
            LOG.warn("dropping a usage event that is not valid JSON: {}", e.getMessage());
            return;
        }
        if (event.requestId() == null || event.subscriptionId() == null) {
            LOG.warn("dropping a usage event without request or subscription id");
            return;
        }
        if (!firstTime(event.requestId(), record.timestamp())) {
            LOG.info("request {}: second usage event dropped", event.requestId());
            return;
        }
        BigDecimal cost = config.prices().cost(event);
        UsageEvent priced = cost == null ? event : event.toBuilder().costUsd(cost).build();
        context.forward(new Record<>(priced.subscriptionId(), priced.toJsonBytes(), record.timestamp(),
                new RecordHeaders()), LedgerTopology.USAGE_SINK);
        Instant when = finishedAt(priced, record.timestamp());
        for (UsageGranularity g : UsageGranularity.values()) {
            String key = g.storeKey(priced.subscriptionId(), g.label(when));
            byte[] old = totals.get(key);
            UsageTotals t = old == null ? UsageTotals.empty(g.label(when)) : UsageTotals.fromJson(old);
            totals.put(key, t.plus(priced).toJsonBytes());
        }
        publishSpend(priced.subscriptionId(), when, record.timestamp());
    }

    private boolean firstTime(String requestId, long timestamp) {
        long window = config.dedupeWindow().toMillis();
        try (WindowStoreIterator<Long> it = seen.fetch(requestId, Instant.ofEpochMilli(timestamp - window),
                Instant.ofEpochMilli(timestamp + window))) {
            if (it.hasNext()) {
                return false;
            }
        }
        seen.put(requestId, timestamp, timestamp);
        return true;
    }

    private static Instant finishedAt(UsageEvent e, long fallback) {
        if (e.timestamp() != null) {
            try {
                return Instant.parse(e.timestamp());
            } catch (DateTimeParseException ignored) {
                // fall back to the record time
            }
        }
        return Instant.ofEpochMilli(fallback);
    }

    /** For a subscription with a budget, what it spent in the budget period that contains {@code when}. */
    private void publishSpend(String subscriptionId, Instant when, long timestamp) {
        Subscription sub = config.subscriptions().subscription(subscriptionId);
        Budget budget = sub == null ? null : sub.limits().budget();
        if (budget == null) {
            return;
        }
        Period period = budget.period();
        Instant start = period.start(when);
        BigDecimal spent = switch (period) {
            case HOUR -> cost(UsageGranularity.HOUR, subscriptionId, when, when);
            case DAY -> cost(UsageGranularity.DAY, subscriptionId, when, when);
            case WEEK -> cost(UsageGranularity.DAY, subscriptionId, start, when);
            case MONTH -> cost(UsageGranularity.MONTH, subscriptionId, when, when);
            case YEAR -> cost(UsageGranularity.MONTH, subscriptionId, start, when);
        };
        Spend spend = new Spend(subscriptionId, period, start.toString(), spent);
        context.forward(new Record<>(subscriptionId, spend.toJsonBytes(), timestamp, new RecordHeaders()),
                LedgerTopology.SPEND_SINK);
    }

    private BigDecimal cost(UsageGranularity g, String sub, Instant from, Instant to) {
        BigDecimal sum = BigDecimal.ZERO;
        try (KeyValueIterator<String, byte[]> it = totals.range(g.storeKey(sub, g.label(from)),
                g.storeKey(sub, g.label(to)))) {
            while (it.hasNext()) {
                sum = sum.add(UsageTotals.fromJson(it.next().value).costUsd());
            }
        }
        return sum;
    }
}
