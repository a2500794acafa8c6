package io.sluice.bench.load;

import io.sluice.bench.metrics.HopHistograms;
import io.sluice.bench.metrics.LatencyHistograms;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** What one worker saw during a step; workers' recorders are merged at the end. Not thread-safe. */
public final class StepRecorder {
    public static final String OUTSTANDING_LIMIT = "outstanding-limit";
    public static final String ABANDONED = "abandoned";

    private final Histogram latency = LatencyHistograms.create();
    private final Histogram timeToFirstToken = LatencyHistograms.create();
    private final HopHistograms hops = new HopHistograms();
    private final Map<String, Long> errors = new TreeMap<>();
    private long attempted;
    private long ok;
    private long lastEndNanos = Long.MIN_VALUE;

    /** Records a request that was sent and ended, well or badly. */
    public void record(RequestOutcome outcome) {
        attempted++;
        lastEndNanos = Math.max(lastEndNanos, outcome.endNanos());
        hops.record(outcome.serverTiming());
        if (!outcome.ok()) {
            countError(outcome.error(), 1);
            return;
        }
        ok++;
        LatencyHistograms.recordNanos(latency, outcome.latencyNanos());
        if (outcome.hasFirstToken()) {
            LatencyHistograms.recordNanos(timeToFirstToken, outcome.timeToFirstTokenNanos());
        }
    }

    /** Records a scheduled request that was not sent because too many were outstanding. */
    public void recordNotSent(String reason) {
        attempted++;
        countError(reason, 1);
    }

    /** Records requests still unanswered when the step had to end. */
    public void recordAbandoned(long count) {
        if (count > 0) {
            attempted += count;
            countError(ABANDONED, count);
        }
    }

    private void countError(String kind, long count) {
        errors.merge(kind, count, Long::sum);
    }

    public StepRecorder addAll(StepRecorder other) {
        latency.add(other.latency);
        timeToFirstToken.add(other.timeToFirstToken);
        hops.addAll(other.hops);
        other.errors.forEach((k, n) -> errors.merge(k, n, Long::sum));
        attempted += other.attempted;
        ok += other.ok;
        lastEndNanos = Math.max(lastEndNanos, other.lastEndNanos);
        return this;
    }

    public Histogram latency() {
        return latency;
    }

    public Histogram timeToFirstToken() {
        return timeToFirstToken;
    }

    public HopHistograms hops() {
        return hops;
    }

    public Map<String, Long> errors() {
        return new TreeMap<>(errors);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public long attempted() {
        return attempted;
    }

    public long ok() {
        return ok;
    }

    /** When the last answer arrived, or {@code Long.MIN_VALUE} if none did. */
    public long lastEndNanos() {
        return lastEndNanos;
    }
}
