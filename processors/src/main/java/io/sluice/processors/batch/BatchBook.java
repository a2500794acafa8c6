package io.sluice.processors.batch;

import io.sluice.records.batch.BatchObject;
import io.sluice.records.batch.BatchState;
import io.sluice.records.batch.RequestCounts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The batches of the Batch API whose lines pass this task: their state until every line has its
 * result. Counts change with every result; they are published at most every few hundred
 * milliseconds, status changes at once.
 */
final class BatchBook {

    private final KeyValueStore<String, byte[]> store;
    private final Emitter emit;
    private final Set<String> dirty = new LinkedHashSet<>();

    BatchBook(KeyValueStore<String, byte[]> store, Emitter emit) {
        this.store = store;
        this.emit = emit;
    }

    BatchState get(String batchId) {
        if (batchId == null) {
            return null;
        }
        byte[] raw = store.get(batchId);
        return raw == null ? null : BatchState.fromJson(raw);
    }

    /** A batch arrived: it is in progress from now. A repeated create (replay) changes nothing. */
    void open(BatchState created, long nowSeconds) {
        if (store.get(created.batch().id()) != null) {
            return;
        }
        change(created.with(created.batch().inProgress(nowSeconds)));
    }

    /** Saves and publishes a status change. */
    void change(BatchState state) {
        store.put(state.batch().id(), state.toJsonBytes());
        dirty.remove(state.batch().id());
        emit.state(state);
    }

    /** One more line of {@code batchId} has its result; the batch ends when it was the last. */
    void counted(String batchId, boolean succeeded, long nowSeconds) {
        BatchState state = get(batchId);
        if (state == null) {
            return;
        }
        RequestCounts counts = state.batch().requestCounts().plus(succeeded);
        BatchState next = state.with(state.batch().counted(counts));
        if (!counts.finished()) {
            store.put(batchId, next.toJsonBytes());
            dirty.add(batchId);
            return;
        }
        String status = BatchObject.CANCELLING.equals(next.batch().status()) ? BatchObject.CANCELLED
                : next.expiring() ? BatchObject.EXPIRED : BatchObject.COMPLETED;
        emit.state(next.with(next.batch().finished(status, nowSeconds)));
        store.delete(batchId);
        dirty.remove(batchId);
    }

    /** Publishes the counts that changed since the last call. */
    void publishCounts() {
        for (String id : List.copyOf(dirty)) {
            BatchState state = get(id);
            if (state != null) {
                emit.state(state);
            }
        }
        dirty.clear();
    }

    /** Batches still running whose completion window ended at or before {@code nowSeconds}. */
    List<BatchState> windowEnded(long nowSeconds) {
        List<BatchState> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                BatchState s = BatchState.fromJson(it.next().value);
                Long expires = s.batch().expiresAt();
                if (!s.stopping() && expires != null && expires <= nowSeconds) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
