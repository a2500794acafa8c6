package io.sluice.processors.batch;

import io.sluice.records.batch.LineError;

/** What a counter's window says to one batch line. */
sealed interface Grant {

    /** Run it; this much was taken from the windows that started at these times. */
    record Granted(long reserved, long promptTokens, long minuteStart, long periodStart) implements Grant {
        static final Granted FREE = new Granted(0, 0, 0, 0);
    }

    /** Not now: ask again at {@code untilMs} (or when a reservation of the counter is settled). */
    record Wait(long untilMs) implements Grant {
    }

    /** Never: the line ends with this error. */
    record Refused(LineError error) implements Grant {
    }
}
