package io.sluice.bench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsUnitsAndPlainSeconds() {
        assertThat(Durations.parseMillis("--d", "250ms")).isEqualTo(250);
        assertThat(Durations.parseMillis("--d", "30s")).isEqualTo(30_000);
        assertThat(Durations.parseMillis("--d", "1.5s")).isEqualTo(1_500);
        assertThat(Durations.parseMillis("--d", "2m")).isEqualTo(120_000);
        assertThat(Durations.parseMillis("--d", "1h")).isEqualTo(3_600_000);
        assertThat(Durations.parseMillis("--d", "10")).isEqualTo(10_000);
    }

    @Test
    void rejectsNegativeAndGarbageNamingTheFlag() {
        assertThatThrownBy(() -> Durations.parseMillis("--warmup", "-1s")).hasMessageStartingWith("--warmup:");
        assertThatThrownBy(() -> Durations.parseMillis("--warmup", "s")).hasMessageStartingWith("--warmup:");
    }

    @Test
    void formatsTheWayUsersTypeThem() {
        assertThat(Durations.format(30_000)).isEqualTo("30s");
        assertThat(Durations.format(120_000)).isEqualTo("2m");
        assertThat(Durations.format(1_500)).isEqualTo("1500ms");
    }
}
