package io.sluice.egress.breaker;

import io.sluice.records.BackendHealth;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The circuit breaker of one backend in one egress instance. Counts the outcome of every call,
 * trips on a run of failures or a failure rate, stays open for the configured time or exactly the
 * backend's Retry-After, then lets a few probe calls decide. Every change it makes itself goes to
 * {@code onChange} (published on the backend-health topic); changes made by other instances come
 * back through {@link #apply}. Time comes from the injected clock only. Thread-safe.
 */
public final class CircuitBreaker {

    /** Leave to make one call; hand it back with exactly one of the outcome methods. */
    public record Permit(long generation, boolean probe) {
    }

    /** What the breaker looks like now. */
    public record Snapshot(BreakerState state, long openUntilMs, String reason, String changedBy, long changedAtMs,
            int consecutiveFailures, int recentCalls, int recentFailures) {
        public double recentErrorRate() {
            return recentCalls == 0 ? 0 : (double) recentFailures / recentCalls;
        }
    }

    private final String backend;
    private final BreakerSettings settings;
    private final Clock clock;
    private final String instanceId;
    private final Consumer<BackendHealth> onChange;
    private final CallWindow window;

    private BreakerState state = BreakerState.CLOSED;
    private long generation;
    private long openUntilMs;
    private String reason = "no failures";
    private String changedBy;
    private long changedAtMs = Long.MIN_VALUE;
    private boolean openedByHealthCheck;
    private int consecutiveFailures;
    private int probesInFlight;
    private int probeSuccesses;

    public CircuitBreaker(String backend, BreakerSettings settings, Clock clock, String instanceId,
            Consumer<BackendHealth> onChange) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.window = new CallWindow(settings.intervalMs());
    }

    public String backend() {
        return backend;
    }

    public BreakerSettings settings() {
        return settings;
    }

    /** A permit to call the backend now, or null while it is open or its probes are all out. */
    public synchronized Permit tryAcquire() {
        long now = clock.millis();
        halfOpenIfDue(now);
        return switch (state) {
            case CLOSED -> new Permit(generation, false);
            case OPEN -> null;
            case HALF_OPEN -> {
                if (probesInFlight >= settings.halfOpenProbes()) {
                    yield null;
                }
                probesInFlight++;
                yield new Permit(generation, true);
            }
        };
    }

    /** When a call may be tried again (epoch ms); the current time when it may be tried now. */
    public synchronized long availableAtMs() {
        long now = clock.millis();
        halfOpenIfDue(now);
        return switch (state) {
            case CLOSED -> now;
            case OPEN -> openUntilMs;
            // Probes are out: their answer comes within a call's time; a second is an honest hint.
            case HALF_OPEN -> probesInFlight >= settings.halfOpenProbes() ? now + 1_000 : now;
        };
    }

    public void onSuccess(Permit permit) {
        BackendHealth change;
        synchronized (this) {
            long now = clock.millis();
            if (permit.generation() != generation) {
                return;
            }
            window.record(now, false);
            consecutiveFailures = 0;
            if (!permit.probe() || state != BreakerState.HALF_OPEN) {
                return;
            }
            probesInFlight--;
            probeSuccesses++;
            if (probeSuccesses < settings.halfOpenProbes()) {
                return;
            }
            change = close(now, probeSuccesses == 1 ? "probe succeeded" : probeSuccesses + " probes succeeded");
        }
        onChange.accept(change);
    }

    /**
     * A call failed in a way that counts ({@code what} says how, for the reason shown to operators).
     *
     * @param retryAfterMs what the backend asked for in Retry-After, or 0
     */
    public void onFailure(Permit permit, String what, long retryAfterMs) {
        BackendHealth change;
        synchronized (this) {
            long now = clock.millis();
            if (permit.generation() != generation) {
                return;
            }
            window.record(now, true);
            consecutiveFailures++;
            if (state == BreakerState.HALF_OPEN && permit.probe()) {
                probesInFlight--;
                change = open(now, retryAfterMs, "probe failed: " + what, false);
            } else if (state != BreakerState.CLOSED) {
                return;
            } else if (settings.consecutiveFailures() > 0 && consecutiveFailures >= settings.consecutiveFailures()) {
                change = open(now, retryAfterMs, consecutiveFailures + " failures in a row, last: " + what, false);
            } else if (rateExceeded(now)) {
                change = open(now, retryAfterMs, Math.round(100.0 * window.failures(now) / window.calls(now))
                        + "% of " + window.calls(now) + " calls failed in " + settings.intervalMs() / 1_000
                        + " s, last: " + what, false);
            } else {
                return;
            }
        }
        onChange.accept(change);
    }

    /** A call ended without saying anything about the backend (cancelled, or the client's deadline passed). */
    public synchronized void release(Permit permit) {
        if (permit.generation() == generation && permit.probe() && state == BreakerState.HALF_OPEN) {
            probesInFlight--;
        }
    }

    /** Active health checks failed: open (for the configured time) unless already open. */
    public void openByHealthCheck(String why) {
        BackendHealth change;
        synchronized (this) {
            long now = clock.millis();
            halfOpenIfDue(now);
            if (state == BreakerState.OPEN) {
                return;
            }
            change = open(now, 0, why, true);
        }
        onChange.accept(change);
    }

    /** Active health checks passed: close a breaker the checks opened (not one a Retry-After holds open). */
    public void closeByHealthCheck(String why) {
        BackendHealth change;
        synchronized (this) {
            if (state == BreakerState.CLOSED || !openedByHealthCheck) {
                return;
            }
            change = close(clock.millis(), why);
        }
        onChange.accept(change);
    }

    /** A state change from the backend-health topic; older than what this breaker knows, it is ignored. */
    public synchronized void apply(BackendHealth h) {
        if (!h.backend().equals(backend) || h.changedAtMs() <= changedAtMs) {
            return;
        }
        generation++;
        probesInFlight = 0;
        probeSuccesses = 0;
        changedAtMs = h.changedAtMs();
        changedBy = h.instance();
        reason = h.reason();
        openedByHealthCheck = false;
        if (h.isOpen()) {
            state = BreakerState.OPEN;
            openUntilMs = h.openUntilMs();
        } else {
            resetToClosed();
        }
    }

    public synchronized Snapshot snapshot() {
        long now = clock.millis();
        halfOpenIfDue(now);
        return new Snapshot(state, state == BreakerState.CLOSED ? 0 : openUntilMs, reason, changedBy,
                changedAtMs == Long.MIN_VALUE ? 0 : changedAtMs, consecutiveFailures, window.calls(now),
                window.failures(now));
    }

    private boolean rateExceeded(long now) {
        if (settings.minimumCalls() == 0) {
            return false;
        }
        int calls = window.calls(now);
        return calls >= settings.minimumCalls()
                && window.failures(now) * 100L >= (long) settings.failureRatePercent() * calls;
    }

    private void halfOpenIfDue(long now) {
        if (state == BreakerState.OPEN && now >= openUntilMs) {
            state = BreakerState.HALF_OPEN;
            generation++;
            probesInFlight = 0;
            probeSuccesses = 0;
        }
    }

    private BackendHealth open(long now, long retryAfterMs, String why, boolean byHealthCheck) {
        long duration = settings.honourRetryAfter() && retryAfterMs > 0
                ? Math.min(retryAfterMs, settings.maxOpenMs())
                : settings.openMs();
        state = BreakerState.OPEN;
        generation++;
        openUntilMs = now + duration;
        probesInFlight = 0;
        probeSuccesses = 0;
        openedByHealthCheck = byHealthCheck;
        reason = why;
        changedBy = instanceId;
        changedAtMs = now;
        return BackendHealth.open(backend, openUntilMs, why, instanceId, now);
    }

    private BackendHealth close(long now, String why) {
        generation++;
        resetToClosed();
        openedByHealthCheck = false;
        reason = why;
        changedBy = instanceId;
        changedAtMs = now;
        return BackendHealth.closed(backend, why, instanceId, now);
    }

    private void resetToClosed() {
        state = BreakerState.CLOSED;
        openUntilMs = 0;
        consecutiveFailures = 0;
        probesInFlight = 0;
        probeSuccesses = 0;
        window.clear();
    }
}
