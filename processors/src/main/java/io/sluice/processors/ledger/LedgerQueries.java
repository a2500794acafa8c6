package io.sluice.processors.ledger;

import io.sluice.records.governance.UsageGranularity;
import io.sluice.records.governance.UsageTotals;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries of the ledger's totals: where a subscription's totals live (this instance or
 * another one's admin API), and the buckets of a range from the local store.
 */
public final class LedgerQueries {

    /** Where the totals of one subscription are. */
    public sealed interface Location {
        /** In this instance's store. */
        record Here() implements Location {
        }

        /** At another instance, whose admin API answers at {@code hostPort}. */
        record There(String hostPort) implements Location {
        }

        /** Nowhere right now (the ledger is starting or rebalancing). */
        record Unknown(String why) implements Location {
        }
    }

    private final KafkaStreams streams;
    private final String pendingTopic;

    LedgerQueries(KafkaStreams streams, String pendingTopic) {
        this.streams = streams;
        this.pendingTopic = pendingTopic;
    }

    public Location locate(String subscriptionId) {
        KeyQueryMetadata md;
        try {
            md = streams.queryMetadataForKey(LedgerStores.TOTALS, subscriptionId, Serdes.String().serializer());
        } catch (IllegalStateException e) {
            return new Location.Unknown("the ledger is not running");
        }
        if (md == null || md.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return new Location.Unknown("the ledger is rebalancing");
        }
        TopicPartition tp = new TopicPartition(pendingTopic, md.partition());
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (var task : thread.activeTasks()) {
                if (task.topicPartitions().contains(tp)) {
                    return new Location.Here();
                }
            }
        }
        HostInfo active = md.activeHost();
        if (active == null || active.port() <= 0 || HostInfo.unavailable().equals(active)) {
            return new Location.Unknown("the instance that holds it does not answer queries");
        }
        return new Location.There(active.host() + ":" + active.port());
    }

    /** The buckets of {@code subscriptionId} from {@code fromLabel} to {@code toLabel}, inclusive, in order. */
    public List<UsageTotals> totals(String subscriptionId, UsageGranularity g, String fromLabel, String toLabel) {
        KeyQueryMetadata md = streams.queryMetadataForKey(LedgerStores.TOTALS, subscriptionId,
                Serdes.String().serializer());
        ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters
                .fromNameAndType(LedgerStores.TOTALS, QueryableStoreTypes.<String, byte[]>keyValueStore())
                .withPartition(md.partition()));
        List<UsageTotals> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.range(g.storeKey(subscriptionId, fromLabel),
                g.storeKey(subscriptionId, toLabel))) {
            while (it.hasNext()) {
                out.add(UsageTotals.fromJson(it.next().value));
            }
        } catch (InvalidStateStoreException e) {
            throw new IllegalStateException("the ledger store is not available right now", e);
        }
        return out;
    }
}
