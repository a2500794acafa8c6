package io.sluice.ingress.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.ingress.auth.KeyHash;
import io.sluice.records.governance.ApiKeyEntry;
import io.sluice.records.governance.ConfigKeys;
import io.sluice.records.governance.CounterScope;
import io.sluice.records.governance.GovernanceView;
import io.sluice.records.governance.Limits;
import io.sluice.records.governance.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigKeyDirectoryTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final GovernanceView view = new GovernanceView();
    private final ConfigKeyDirectory keys = new ConfigKeyDirectory(view, Clock.fixed(NOW, ZoneOffset.UTC));

    private void subscription(Subscription.State state) {
        view.applyConfig(ConfigKeys.subscription("team-a"), new Subscription("team-a", "A", null, state,
                List.of("gpt-4o-mini"), new Limits(CounterScope.parse("key"), 10L, null, null, null, null), null,
                null).toJsonBytes());
    }

    private void key(String key, boolean revoked, String expiresAt) {
        view.applyConfig(ConfigKeys.key("k1"), new ApiKeyEntry("k1", "team-a", KeyHash.sha256Hex(key), "sk-",
                null, revoked, NOW.toString(), null, expiresAt).toJsonBytes());
    }

    @Test
    void anActiveKeyOfAnActiveSubscriptionAuthenticatesWithItsSettings() {
        subscription(Subscription.State.ACTIVE);
        key("sk-one", false, null);
        assertThat(keys.find("sk-one")).get().satisfies(c -> {
            assertThat(c.keyId()).isEqualTo("k1");
            assertThat(c.subscriptionId()).isEqualTo("team-a");
            assertThat(c.counterScope().kind()).isEqualTo(CounterScope.Kind.KEY);
            assertThat(c.mayUse("gpt-4o")).isFalse();
        });
    }

    @Test
    void refusalsSayWhyTheKeyIsRefused() {
        subscription(Subscription.State.ACTIVE);
        assertThat(keys.refusal("sk-unknown").code()).isEqualTo("invalid_api_key");
        key("sk-one", true, null);
        assertThat(keys.find("sk-one")).isEmpty();
        assertThat(keys.refusal("sk-one").code()).isEqualTo("api_key_revoked");
        key("sk-one", false, "2026-11-24T09:59:59Z");
        assertThat(keys.find("sk-one")).isEmpty();
        assertThat(keys.refusal("sk-one").code()).isEqualTo("api_key_expired");
        key("sk-one", false, "2026-11-24T10:00:01Z");
        assertThat(keys.find("sk-one")).as("within its grace").isPresent();
        subscription(Subscription.State.SUSPENDED);
        assertThat(keys.find("sk-one")).isEmpty();
        assertThat(keys.refusal("sk-one").status()).isEqualTo(403);
        assertThat(keys.refusal("sk-one").code()).isEqualTo("subscription_suspended");
        view.applyConfig(ConfigKeys.subscription("team-a"), null);
        assertThat(keys.refusal("sk-one").code()).isEqualTo("subscription_not_found");
    }
}
