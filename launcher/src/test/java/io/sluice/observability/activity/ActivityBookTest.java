package io.sluice.observability.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.records.UsageEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActivityBookTest {

    private static final long NOW = Instant.parse("2026-11-24T10:30:00Z").toEpochMilli();

    private static UsageEvent e(String subscription, String user) {
        return UsageEvent.builder().requestId("r").subscriptionId(subscription).endUser(user).promptTokens(3).build();
    }

    @Test
    void countsDistinctSubscriptionsAndEndUsersPerHourAndDay() {
        ActivityBook book = new ActivityBook(2);
        long h9 = Instant.parse("2026-11-24T09:10:00Z").toEpochMilli();
        book.add(e("a", "alice"), h9, NOW);
        book.add(e("a", "alice"), NOW, NOW);
        book.add(e("a", "bob"), NOW, NOW);
        book.add(e("b", "alice"), NOW, NOW);
        book.add(e("b", null), NOW, NOW);
        book.add(e("c", "old"), Instant.parse("2026-11-22T23:00:00Z").toEpochMilli(), NOW);

        assertThat(book.hourly()).extracting(ActivityBook.Period::start)
                .containsExactly("2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z");
        ActivityBook.Period ten = book.hourly().get(1);
        assertThat(ten.activeSubscriptions()).isEqualTo(2);
        assertThat(ten.activeEndUsers()).isEqualTo(3);
        assertThat(ten.requests()).isEqualTo(4);
        ActivityBook.Period day = book.daily().get(0);
        assertThat(day.start()).isEqualTo("2026-11-24");
        assertThat(day.activeSubscriptions()).isEqualTo(2);
        assertThat(day.activeEndUsers()).isEqualTo(3);
        assertThat(day.requests()).isEqualTo(5);
        assertThat(book.current(NOW)).containsExactly(2, 3, 2, 3);
    }
}
