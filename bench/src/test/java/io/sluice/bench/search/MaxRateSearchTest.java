package io.sluice.bench.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MaxRateSearchTest {

    /** Runs the search against a target that sustains rates up to {@code capacity}. */
    private static MaxRateSearch searchAgainst(double capacity, double start, int trials) {
        MaxRateSearch search = new MaxRateSearch(start, trials);
        for (OptionalDouble r = search.nextRate(); r.isPresent(); r = search.nextRate()) {
            double rate = r.getAsDouble();
            boolean ok = rate <= capacity;
            search.record(new MaxRateSearch.Trial(rate, ok ? rate : capacity, ok));
        }
        return search;
    }

    @Test
    void doublesThenBisectsToWithinTenPercent() {
        MaxRateSearch search = searchAgainst(700, 100, 20);
        assertThat(search.trials()).extracting(MaxRateSearch.Trial::offeredPerSecond).startsWith(100.0, 200.0, 400.0,
                800.0, 600.0);
        assertThat(search.bestAchieved().getAsDouble()).isBetween(700 * 0.9, 700.0);
    }

    @Test
    void stopsAfterTheTrialBudget() {
        MaxRateSearch search = searchAgainst(1e9, 100, 4);
        assertThat(search.trials()).hasSize(4);
        assertThat(search.bestAchieved().getAsDouble()).isEqualTo(800.0);
    }

    @Test
    void halvesWhenEvenTheStartFails() {
        MaxRateSearch search = searchAgainst(30, 100, 10);
        assertThat(search.trials()).extracting(MaxRateSearch.Trial::offeredPerSecond).startsWith(100.0, 50.0, 25.0);
        assertThat(search.bestAchieved().getAsDouble()).isBetween(27.0, 30.0);
    }

    @Test
    void reportsNothingWhenNoRateIsSustained() {
        assertThat(searchAgainst(0, 100, 5).bestAchieved()).isEmpty();
    }
}
