package io.sluice.records.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterScopeTest {

    private static String key(String scope, Map<String, String> headers) {
        return CounterScope.parse(scope).counterKey("team-a", "key_1", headers::get, "10.0.0.7");
    }

    @Test
    void theSubscriptionScopeKeysByTheSubscriptionIdItself() {
        assertThat(key("subscription", Map.of())).isEqualTo("team-a");
    }

    @Test
    void finerScopesArePrefixedByTheSubscription() {
        assertThat(key("key", Map.of())).isEqualTo("team-a|key:key_1");
        assertThat(key("ip", Map.of())).isEqualTo("team-a|ip:10.0.0.7");
        assertThat(key("header:X-User", Map.of("x-user", " alice "))).isEqualTo("team-a|x-user:alice");
        assertThat(key("header:x-user", Map.of())).as("no header: one shared bucket").isEqualTo("team-a|x-user:");
    }

    @Test
    void roundTripsItsWireForm() {
        assertThat(CounterScope.parse("header:X-User").wire()).isEqualTo("header:x-user");
        assertThat(CounterScope.parse("KEY").wire()).isEqualTo("key");
    }

    @Test
    void refusesAnUnknownScope() {
        assertThatThrownBy(() -> CounterScope.parse("cookie")).hasMessageContaining("subscription, key, ip or header");
        assertThatThrownBy(() -> CounterScope.parse("header:")).hasMessageContaining("header name");
    }
}
