package io.sluice.processors.quota;

import io.sluice.records.MalformedRecordException;
import io.sluice.records.governance.Reconciliation;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a finished request's reservation by its real usage in the counter that reserved it.
 * The reservation is removed as it is applied, so a reconciliation that arrives twice counts once.
 */
final class ReconcileProcessor implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileProcessor.class);

    private KeyValueStore<String, CounterState> counters;
    private KeyValueStore<String, Reservation> reservations;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        counters = context.getStateStore(QuotaStores.COUNTERS);
        reservations = context.getStateStore(QuotaStores.RESERVATIONS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Reconciliation r;
        try {
            r = Reconciliation.fromJson(record.value());
        } catch (MalformedRecordException e) {
            LOG.warn("dropping malformed reconciliation: {}", e.getMessage());
            return;
        }
        Reservation reservation = r.requestId() == null ? null : reservations.get(r.requestId());
        if (reservation == null) {
            return;
        }
        long prompt = r.promptTokens();
        if (prompt == 0 && r.status() / 100 == 2) {
            // the backend answered but reported no prompt tokens: count the prompt as counted on admission
            prompt = reservation.promptTokens();
        }
        CounterState state = counters.get(reservation.counterKey());
        if (state != null) {
            counters.put(reservation.counterKey(), state.reconcile(reservation.minuteStart(),
                    reservation.periodStart(), reservation.tokens(), prompt + r.completionTokens()));
        }
        reservations.delete(r.requestId());
    }
}
