package io.sluice.processors.ledger;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The usage ledger: pending usage events → deduplicate by request id → price → the usage topic
 * (the billing contract), with totals per subscription per hour, day and month, and the spend of
 * subscriptions with a budget. Always run with exactly_once_v2.
 */
public final class LedgerTopology {

    public static final String SOURCE = "usage-pending-source";
    public static final String LEDGER = "ledger";
    public static final String USAGE_SINK = "usage-sink";
    public static final String SPEND_SINK = "spend-sink";

    private LedgerTopology() {
    }

    public static Topology build(LedgerConfig config) {
        Topology t = new Topology();
        t.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), config.topics().usagePending());
        t.addProcessor(LEDGER, () -> new LedgerProcessor(config), SOURCE);
        t.addStateStore(LedgerStores.seen(config.dedupeWindow()), LEDGER);
        t.addStateStore(LedgerStores.totals(), LEDGER);
        t.addSink(USAGE_SINK, config.topics().usage(), new StringSerializer(), new ByteArraySerializer(), LEDGER);
        t.addSink(SPEND_SINK, config.topics().spend(), new StringSerializer(), new ByteArraySerializer(), LEDGER);
        return t;
    }
}
