package io.sluice.records.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class GovernanceViewTest {

    private static ApiKeyEntry key(String id, String sub, String hash) {
        return new ApiKeyEntry(id, sub, hash, "sk-", null, false, "2026-11-24T00:00:00Z", null, null);
    }

    @Test
    void appliesEntitiesAndTombstonesInOrder() {
        GovernanceView view = new GovernanceView();
        Subscription s = new Subscription("a", "A", null, null, List.of(), null, null, null);
        view.applyConfig(ConfigKeys.subscription("a"), s.toJsonBytes());
        view.applyConfig(ConfigKeys.key("k1"), key("k1", "a", "h1").toJsonBytes());
        assertThat(view.subscription("a")).isEqualTo(s);
        assertThat(view.keyByHash("h1")).get().extracting(ApiKeyEntry::id).isEqualTo("k1");

        view.applyConfig(ConfigKeys.key("k1"), key("k1", "a", "h2").toJsonBytes());
        assertThat(view.keyByHash("h1")).as("a changed hash is no longer found").isEmpty();
        view.applyConfig(ConfigKeys.key("k1"), null);
        view.applyConfig(ConfigKeys.subscription("a"), null);
        assertThat(view.keyByHash("h2")).isEmpty();
        assertThat(view.subscription("a")).isNull();
    }

    @Test
    void ignoresAMalformedRecordAndKeepsGoing() {
        GovernanceView view = new GovernanceView();
        view.applyConfig(ConfigKeys.subscription("a"), "not json".getBytes());
        view.applyConfig(ConfigKeys.key("k"), "{\"id\":\"k\"}".getBytes());
        assertThat(view.subscriptions()).isEmpty();
        assertThat(view.key("k")).isEmpty();
    }

    @Test
    void aWriterLearnsWhenItsRecordIsApplied() {
        GovernanceView view = new GovernanceView();
        CompletableFuture<Void> applied = view.whenApplied("sluice.config-0", 5);
        view.markApplied("sluice.config-0", 4);
        assertThat(applied).isNotDone();
        view.markApplied("sluice.config-0", 5);
        assertThat(applied).isDone();
        assertThat(view.whenApplied("sluice.config-0", 3)).isDone();
    }
}
