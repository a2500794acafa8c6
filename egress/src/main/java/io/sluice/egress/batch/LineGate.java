package io.sluice.egress.batch;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.IntSupplier;

/**
 * Lets batch lines start only in the room interactive traffic leaves: none starts while this
 * instance has {@code yieldAt} interactive calls in flight, and a line starts only while its pool
 * has capacity beyond the interactive reserve. Waiting lines keep their order; one whose pool is
 * full does not hold back lines for other pools. All of it runs on one Vert.x context.
 */
final class LineGate {

    /** How often waiting lines look again when nothing else wakes them. */
    static final long RECHECK_MS = 20;
    /** Waiting lines looked at per pass, so a pass stays short. */
    static final int SCAN = 64;

    private final Context context;
    private final Vertx vertx;
    private final IntSupplier interactiveInFlight;
    private final int yieldAt;
    private final BackendHeadroom headroom;
    private final Deque<LineRun> waiting = new ArrayDeque<>();
    private long timer = -1;

    LineGate(Vertx vertx, Context context, IntSupplier interactiveInFlight, int yieldAt, BackendHeadroom headroom) {
        this.vertx = vertx;
        this.context = context;
        this.interactiveInFlight = interactiveInFlight;
        this.yieldAt = yieldAt;
        this.headroom = headroom;
    }

    /** From any thread: the line starts when there is room. */
    void submit(LineRun run) {
        context.runOnContext(v -> {
            waiting.addLast(run);
            pass();
        });
    }

    /** From any thread: something finished, room may have come back. */
    void wake() {
        context.runOnContext(v -> pass());
    }

    int waiting() {
        return waiting.size();
    }

    private void pass() {
        if (interactiveInFlight.getAsInt() < yieldAt) {
            int looked = 0;
            for (Iterator<LineRun> it = waiting.iterator(); it.hasNext() && looked < SCAN; looked++) {
                LineRun run = it.next();
                if (headroom.available(run.dispatch().plan())) {
                    it.remove();
                    run.start();
                }
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
