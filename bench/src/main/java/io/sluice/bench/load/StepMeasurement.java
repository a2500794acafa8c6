package io.sluice.bench.load;

/** What a step recorded, with its timing: when it started, when its schedule ended, when the last answer came. */
public record StepMeasurement(LoadStep step, StepRecorder recorder, long startNanos, long scheduledEndNanos) {

    /** Seconds from the start to the later of the scheduled end and the last answer. */
    public double elapsedSeconds() {
        long end = Math.max(scheduledEndNanos, recorder.lastEndNanos());
        return (end - startNanos) / 1e9;
    }

    /** Successful answers per second over {@link #elapsedSeconds()}: a target that falls behind gets a lower rate. */
    public double achievedPerSecond() {
        return recorder.ok() / elapsedSeconds();
    }

    /** Requests per second the step offered: the schedule's rate, or attempts per second in a closed loop. */
    public double offeredPerSecond() {
        if (step.shape() instanceof LoadShape.OpenLoop open) {
            return open.ratePerSecond();
        }
        return recorder.attempted() / elapsedSeconds();
    }
}
