package io.sluice.egress.batch;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Lets batch lines start only in the room interactive traffic leaves. While interactive requests
 * flow through this instance (any taken on in the last second), at most {@code
 * runningWhileInteractive} lines run at once and at most {@code startsPerSecondWhileInteractive}
 * start per second, so batch work takes a small share of the CPU and the event loops; with no
 * interactive traffic, lines run up to the worker's bound. None starts while
 * {@code yieldAtInteractiveInFlight} interactive calls are in flight, and a line starts only while
 * its pool has capacity beyond the interactive reserve. Waiting lines keep their order; one whose
 * pool is full does not hold back lines for other pools. All of it runs on one Vert.x context.
 */
final class LineGate {

    /** How often waiting lines look again when nothing else wakes them. */
    static final long RECHECK_MS = 20;
    /** Waiting lines looked at per pass, so a pass stays short. */
    static final int SCAN = 64;
    /** Interactive traffic counts as flowing for this long after the last request was taken on. */
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Context context;
    private final Vertx vertx;
    private final InteractiveLoad interactive;
    private final BatchEgressSettings settings;
    private final BackendHeadroom headroom;
    private final LongSupplier nanoTime;
    private final StartPace starts;
    private final Deque<LineRun> waiting = new ArrayDeque<>();
    private long timer = -1;
    private int running;
    private long lastTaken = -1;
    private long lastInteractiveNanos = Long.MIN_VALUE / 2;

    /** @param nanoTime the monotonic clock the gate paces by ({@code System::nanoTime}) */
    LineGate(Vertx vertx, Context context, InteractiveLoad interactive, BatchEgressSettings settings,
            BackendHeadroom headroom, LongSupplier nanoTime) {
        this.vertx = vertx;
        this.context = context;
        this.interactive = interactive;
        this.settings = settings;
        this.headroom = headroom;
        this.nanoTime = nanoTime;
        this.starts = new StartPace(settings.startsPerSecondWhileInteractive(), nanoTime.getAsLong());
    }

    /** From any thread: the line starts when there is room. */
    void submit(LineRun run) {
        context.runOnContext(v -> {
            waiting.addLast(run);
            pass();
        });
    }

    /** From any thread: a line that started has its outcome; its room is free again. */
    void finished() {
        context.runOnContext(v -> {
            running--;
            pass();
        });
    }

    private int room() {
        if (interactive.inFlight() >= settings.yieldAtInteractiveInFlight()) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        long taken = interactive.taken();
        if (taken != lastTaken) {
            lastTaken = taken;
            lastInteractiveNanos = now;
        }
        if (now - lastInteractiveNanos >= QUIET_NANOS) {
            return settings.maxInFlight() - running;
        }
        // a fast backend turns a few lines at once into many a second: bound the pace too
        return Math.min(settings.runningWhileInteractive() - running, starts.available(now));
    }

    private void pass() {
        int room = room();
        int looked = 0;
        for (Iterator<LineRun> it = waiting.iterator(); it.hasNext() && looked < SCAN && room > 0; looked++) {
            LineRun run = it.next();
            if (headroom.available(run.dispatch().plan())) {
                it.remove();
                running++;
                room--;
                starts.take();
                run.start();
            }
        }
        if (!waiting.isEmpty() && timer < 0) {
            timer = vertx.setTimer(RECHECK_MS, id -> context.runOnContext(v -> {
                timer = -1;
                pass();
            }));
        }
    }
}
