package io.sluice.observability.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.records.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveStatsTest {

    private static final long NOW = Instant.parse("2026-11-24T10:30:30Z").toEpochMilli();

    private static UsageEvent e(String subscription, int status, long tokens, String cache) {
        return UsageEvent.builder().requestId("r").subscriptionId(subscription).model("gpt-4o").operation("chat")
                .status(status).promptTokens(tokens).cache(cache).latencyMs(100).costUsd(new BigDecimal("0.01"))
                .build();
    }

    @Test
    @SuppressWarnings("unchecked")
    void summarisesTheLastHourAndTodayPerSubscription() {
        LiveStats live = new LiveStats();
        live.add(e("a", 200, 10, null), NOW - 60_000, NOW);
        live.add(e("a", 200, 0, "hit"), NOW, NOW);
        live.add(e("b", 500, 5, null), NOW, NOW);
        live.add(e("a", 200, 99, null), Instant.parse("2026-11-23T23:59:00Z").toEpochMilli(), NOW);

        Map<String, Object> s = live.summary(NOW);
        List<Long> perMinute = (List<Long>) s.get("requests_per_minute");
        assertThat(perMinute).hasSize(60);
        assertThat(perMinute.get(59)).isEqualTo(2);
        assertThat(perMinute.get(58)).isEqualTo(1);
        assertThat((List<Long>) s.get("errors_per_minute")).element(59).isEqualTo(1L);
        Map<String, Object> today = (Map<String, Object>) s.get("today");
        assertThat(today.get("requests")).isEqualTo(3L);
        assertThat(today.get("total_tokens")).isEqualTo(15L);
        assertThat((BigDecimal) today.get("cost_usd")).isEqualByComparingTo("0.03");
        assertThat((Double) today.get("cache_hit_ratio")).isEqualTo(1 / 3.0);
        List<Map<String, Object>> top = (List<Map<String, Object>>) s.get("top_consumers_today");
        assertThat(top).extracting(m -> m.get("subscription")).containsExactly("a", "b");
        assertThat((Map<String, Object>) s.get("latency")).containsEntry("count", 3L);
    }
}
