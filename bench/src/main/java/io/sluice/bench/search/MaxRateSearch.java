package io.sluice.bench.search;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Searches the highest open-loop rate a target sustains: doubles from a start rate until a step fails, halves
 * when even the start fails, then bisects between the best sustained and the lowest failed rate until they are
 * within 10% or the trials run out.
 */
public final class MaxRateSearch {
    /** Stop bisecting when the bracket is this narrow relative to its top. */
    static final double RESOLUTION = 0.10;

    /** One step of the search: what was offered, what was achieved, and whether it was sustained. */
    public record Trial(double offeredPerSecond, double achievedPerSecond, boolean sustained) {
    }

    private final double startRate;
    private final int maxTrials;
    private final List<Trial> trials = new ArrayList<>();
    private double highestSustained;
    private double lowestFailed = Double.POSITIVE_INFINITY;

    public MaxRateSearch(double startRate, int maxTrials) {
        if (!(startRate > 0)) {
            throw new IllegalArgumentException("startRate must be > 0, got " + startRate);
        }
        if (maxTrials < 1) {
            throw new IllegalArgumentException("maxTrials must be >= 1, got " + maxTrials);
        }
        this.startRate = startRate;
        this.maxTrials = maxTrials;
    }

    /** The next rate to try, or empty when the search is over. */
    public OptionalDouble nextRate() {
        if (trials.size() >= maxTrials) {
            return OptionalDouble.empty();
        }
        if (trials.isEmpty()) {
            return OptionalDouble.of(startRate);
        }
        if (Double.isInfinite(lowestFailed)) {
            return OptionalDouble.of(roundRate(highestSustained * 2));
        }
        if (highestSustained == 0) {
            double lower = roundRate(lowestFailed / 2);
            return lower < lowestFailed && lower > 0 ? OptionalDouble.of(lower) : OptionalDouble.empty();
        }
        if ((lowestFailed - highestSustained) / lowestFailed <= RESOLUTION) {
            return OptionalDouble.empty();
        }
        double middle = roundRate((highestSustained + lowestFailed) / 2);
        return middle > highestSustained && middle < lowestFailed ? OptionalDouble.of(middle) : OptionalDouble.empty();
    }

    public void record(Trial trial) {
        trials.add(trial);
        if (trial.sustained()) {
            highestSustained = Math.max(highestSustained, trial.offeredPerSecond());
        } else {
            lowestFailed = Math.min(lowestFailed, trial.offeredPerSecond());
        }
    }

    /** The highest achieved throughput among sustained trials; empty when none was sustained. */
    public OptionalDouble bestAchieved() {
        return trials.stream().filter(Trial::sustained).mapToDouble(Trial::achievedPerSecond).max();
    }

    public List<Trial> trials() {
        return List.copyOf(trials);
    }

    /** Whole requests per second above 10/s, one decimal below, so step labels stay readable. */
    static double roundRate(double rate) {
        return rate >= 10 ? Math.round(rate) : Math.round(rate * 10) / 10.0;
    }
}
