package io.sluice.records.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchStateTest {

    private static BatchState running(long completed) {
        BatchObject b = BatchObject.created("batch_1", "/v1/chat/completions", "file-1", "24h", 100, 200, 10, Map.of())
                .inProgress(101);
        return new BatchState(b.counted(new RequestCounts(10, completed, 0)), "team-a", "key_1", "team-a", false, 0);
    }

    @Test
    void aStateWrittenBeforeTheCancelWasSeenKeepsTheCancelWithItsNewCounts() {
        BatchState cancelling = running(2).with(running(2).batch().cancelling(150));
        BatchState merged = BatchState.latest(cancelling, running(5));
        assertThat(merged.batch().status()).isEqualTo(BatchObject.CANCELLING);
        assertThat(merged.batch().cancellingAt()).isEqualTo(150L);
        assertThat(merged.batch().requestCounts().completed()).isEqualTo(5);
        assertThat(merged.stopping()).isTrue();
    }

    @Test
    void aCancelledBatchEndsAndARunningOneSimplyChanges() {
        BatchState cancelling = running(2).with(running(2).batch().cancelling(150));
        BatchState ended = running(10).with(running(10).batch().cancelling(150)).with(
                running(10).batch().cancelling(150).finished(BatchObject.CANCELLED, 160));
        assertThat(BatchState.latest(cancelling, ended).batch().status()).isEqualTo(BatchObject.CANCELLED);
        assertThat(BatchState.latest(running(1), running(3)).batch().status()).isEqualTo(BatchObject.IN_PROGRESS);
        assertThat(BatchState.latest(null, running(3)).batch().requestCounts().completed()).isEqualTo(3);
    }
}
